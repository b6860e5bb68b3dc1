#!/usr/bin/env python3
"""A Mastodon server for tests: mastodon-mock (PyPI) on 127.0.0.1, a free port.

Seeds the mock's accounts (alice is the library, token alice_token; bob and carol
post), then has bob mention alice N times, some as replies to alice's own posts so
the fetcher must ask for the thread context. Prints the port, then serves until
terminated.  Usage: mastodon.py [--mentions N] [--hostile]
"""
import argparse
import json
import signal

import sys
import threading
import urllib.request

from mastodon_mock.testing.server import MockServer

import lifeline  # beside this file: stops the server if its test is gone

HOSTILE = "\x1b]0;pwned\x07 \u202eevil\u202c <b>bold</b> &amp;lt;script&amp;gt; \x1b[2J"


def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def main():
    lifeline.watch_parent()
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=5)
    ap.add_argument("--hostile", action="store_true")
    args = ap.parse_args()
    server = MockServer(log_level="error").start()
    base = server.base_url
    library_post = call(base, "alice_token", "POST", "/api/v1/statuses",
                        {"status": "Quayside Library is open late on Thursdays."})
    for i in range(args.mentions):
        text = f"@alice Comment {i} about the Quayside branch & its <hours>"
        if args.hostile:
            text = f"@alice {HOSTILE} {i}"
        body = {"status": text}
        if i % 5 == 0:
            body["in_reply_to_id"] = library_post["id"]
        call(base, "bob_token" if i % 2 == 0 else "carol_token", "POST", "/api/v1/statuses", body)
    print(server.port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    server.stop()


if __name__ == "__main__":
    sys.exit(main())
