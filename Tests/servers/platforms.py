#!/usr/bin/env python3
"""Local stand-ins for Bluesky, WordPress, an RSS/Atom feed, the Facebook Graph API
and the X API v2, serving the documented request and response shapes on
127.0.0.1 (a free port, printed on the first line of stdout).

    platforms.py [--items N] [--hostile]

Each platform has N comments (every fifth a reply to the one before it, the first
a reply to the library's own post). Test controls, under /_control/:
    POST fault   {"path": PART, "status": 429, "headers": {...}, "count": 1}
    POST slow    {"path": PART, "seconds": 30, "count": 1}  (hang a request whose path+query contains PART)
    POST expire                                        (every token stops working)
    POST add     {"count": K}                          (K newer comments everywhere)
    GET  log                                           (paths requested, in order)
"""
import argparse
import base64
import json

import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

import lifeline  # beside this file: stops the server if its test is gone

HOSTILE = "\x1b]0;pwned\x07\u202e\u0000 <script>alert(1)</script> &amp; \x1b[2J\r\x9b31m"
BSKY_PASSWORD = "abcd-efgh-ijkl-mnop"
TOKEN = "test-token-0123456789abcdef"
WP_USER, WP_PASSWORD = "editor", "wp-app-pass"
PAGE_ID, X_USER = "1000", "2000"
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


class World:
    def __init__(self, n, hostile):
        self.lock = threading.Lock()
        self.hostile = hostile
        self.comments = []  # dicts: i, at, author, text, parent (index or None), held
        self.faults = []
        self.slow = []
        self.log = []
        self.expired = False
        self.access = "access-1"
        self.refresh = "refresh-1"
        self.sessions = 0
        self.add(n)

    def add(self, n):
        for _ in range(n):
            i = len(self.comments)
            name = f"Reader {i}" + (HOSTILE if self.hostile else "")
            text = f"Comment {i} about Quayside & the <hours> &amp; more" + (HOSTILE if self.hostile else "")
            parent = (i - 1) if i % 5 == 4 else None
            self.comments.append({"i": i, "at": START + timedelta(minutes=i), "author": name, "text": text,
                                  "parent": parent, "held": i % 7 == 6})


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Handler(BaseHTTPRequestHandler):
    world: World = None
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(n) or b"{}") if n else {}

    def do_POST(self):
        self.route("POST")

    def do_GET(self):
        self.route("GET")

    def route(self, method):
        w = self.world
        url = urlparse(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = url.path
        full = self.path
        if path.startswith("/_control/"):
            return self.control(path[len("/_control/"):])
        with w.lock:
            w.log.append(path)
            for f in w.faults:
                if f["path"] in full and f["count"] > 0:
                    f["count"] -= 1
                    return self.send(f["status"], {"error": "RateLimitExceeded", "message": "slow down"}, f.get("headers"))
            hang = 0
            for s in w.slow:
                if s["path"] in full and s.get("count", 1) > 0:
                    s["count"] = s.get("count", 1) - 1
                    hang = s["seconds"]
                    break
        if hang:
            time.sleep(hang)
        with w.lock:
            if path.startswith("/xrpc/"):
                return self.bluesky(method, path, q)
            if path.startswith("/wp-json/"):
                return self.wordpress(path, q)
            if path in ("/feed.xml", "/atom.xml"):
                return self.feed(path)
            if path.startswith("/2/"):
                return self.x(path, q)
            return self.facebook(path, q)

    def control(self, what):
        w = self.world
        with w.lock:
            if what == "fault":
                w.faults.append(self._fault())
                return self.send(200, {})
            if what == "slow":
                w.slow.append(self.body())
                return self.send(200, {})
            if what == "expire":
                w.expired = True
                return self.send(200, {})
            if what == "add":
                w.add(self.body().get("count", 1))
                return self.send(200, {})
            if what == "log":
                return self.send(200, {"log": w.log, "sessions": w.sessions})
        return self.send(404, {})

    def _fault(self):
        b = self.body()
        b.setdefault("count", 1)
        return b

    # --- Bluesky ---------------------------------------------------------------
    def bsky_post(self, c):
        i = c["i"]
        record = {"$type": "app.bsky.feed.post", "text": c["text"], "createdAt": iso(c["at"]),
                  "facets": [{"index": {"byteStart": 0, "byteEnd": 7}, "features": [
                      {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.org/a/very/long/path"}]}] if i % 9 == 8 else []}
        parent = self.bsky_parent(c)
        if parent:
            record["reply"] = {"parent": {"uri": parent, "cid": "c"}, "root": {"uri": parent, "cid": "c"}}
        return {"uri": f"at://did:plc:reader{i}/app.bsky.feed.post/r{i}", "cid": f"cid{i}",
                "author": {"did": f"did:plc:reader{i}", "handle": f"reader{i}.bsky.social", "displayName": c["author"]},
                "record": record, "indexedAt": iso(c["at"])}

    def bsky_parent(self, c):
        if c["parent"] is not None:
            return f"at://did:plc:reader{c['parent']}/app.bsky.feed.post/r{c['parent']}"
        if c["i"] == 0:
            return "at://did:plc:library/app.bsky.feed.post/own1"
        return None

    def bluesky(self, method, path, q):
        w = self.world
        auth = self.headers.get("Authorization", "")
        if path.endswith("createSession"):
            w.sessions += 1
            b = self.body()
            if w.expired or b.get("password") != BSKY_PASSWORD:
                return self.send(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
            w.access, w.refresh = f"access-{w.sessions + 1}", f"refresh-{w.sessions + 1}"
            return self.send(200, {"accessJwt": w.access, "refreshJwt": w.refresh, "handle": b["identifier"], "did": "did:plc:library"})
        if path.endswith("refreshSession"):
            if w.expired or auth != "Bearer " + w.refresh:
                return self.send(400, {"error": "ExpiredToken", "message": "Token has been revoked"})
            w.access = w.access + "r"
            return self.send(200, {"accessJwt": w.access, "refreshJwt": w.refresh, "handle": "library.bsky.social", "did": "did:plc:library"})
        if w.expired or auth != "Bearer " + w.access:
            return self.send(400, {"error": "ExpiredToken", "message": "Token has expired"})
        if path.endswith("listNotifications"):
            newest_first = list(reversed(w.comments))
            start = int(q.get("cursor", "0"))
            limit = int(q.get("limit", "50"))
            page = newest_first[start:start + limit]
            notes = [dict(self.bsky_post(c), reason="reply" if self.bsky_parent(c) else "mention", isRead=False) for c in page]
            body = {"notifications": notes}
            if start + limit < len(newest_first):
                body["cursor"] = str(start + limit)
            return self.send(200, body)
        if path.endswith("getPostThread"):
            uri = q.get("uri", "")
            i = int(uri.rsplit("/r", 1)[-1]) if "/r" in uri else -1
            if i < 0 or i >= len(w.comments):
                return self.send(400, {"error": "NotFound", "message": "Post not found"})
            own = {"uri": "at://did:plc:library/app.bsky.feed.post/own1", "cid": "own",
                   "author": {"did": "did:plc:library", "handle": "library.bsky.social", "displayName": "Harbourside Libraries"},
                   "record": {"text": "Our winter opening hours are out.", "createdAt": iso(START - timedelta(days=1))},
                   "indexedAt": iso(START - timedelta(days=1))}
            c = w.comments[i]
            parent = None
            if c["parent"] is not None:
                parent = {"$type": "app.bsky.feed.defs#threadViewPost", "post": self.bsky_post(w.comments[c["parent"]])}
            elif i == 0:
                parent = {"$type": "app.bsky.feed.defs#threadViewPost", "post": own}
            thread = {"$type": "app.bsky.feed.defs#threadViewPost", "post": self.bsky_post(c)}
            if parent:
                thread["parent"] = parent
            return self.send(200, {"thread": thread})
        return self.send(404, {"error": "MethodNotImplemented"})

    # --- WordPress ---------------------------------------------------------------
    def wordpress(self, path, q):
        w = self.world
        authed = self.headers.get("Authorization", "") == "Basic " + base64.b64encode(f"{WP_USER}:{WP_PASSWORD}".encode()).decode()
        if w.expired and self.headers.get("Authorization"):
            return self.send(401, {"code": "invalid_username", "message": "Unknown username.", "data": {"status": 401}})
        if path == "/wp-json/wp/v2/users/me":
            return self.send(200, {"id": 1, "name": "Editor"}) if authed else self.send(401, {"code": "rest_not_logged_in", "message": "You are not currently logged in."})
        status = q.get("status", "approve")
        if status == "hold" and not authed:
            return self.send(401, {"code": "rest_forbidden_param", "message": "Query parameter not permitted: status", "data": {"status": 401}})
        items = [c for c in w.comments if c["held"] == (status == "hold")]
        if "after" in q:
            after = datetime.fromisoformat(q["after"].replace("Z", "+00:00"))
            items = [c for c in items if c["at"] > after]
        per, page = int(q.get("per_page", "10")), int(q.get("page", "1"))
        pages = max(1, -(-len(items) // per))
        chunk = items[(page - 1) * per: page * per]
        body = [{"id": c["i"] + 1, "post": 7, "parent": (c["parent"] + 1) if c["parent"] is not None else 0,
                 "author_name": c["author"], "date_gmt": c["at"].strftime("%Y-%m-%dT%H:%M:%S"),
                 "content": {"rendered": "<p>" + c["text"].replace("&", "&amp;").replace("<", "&lt;") + "</p>\n"},
                 "link": f"https://blog.example/post-7/#comment-{c['i'] + 1}", "status": "hold" if c["held"] else "approved"}
                for c in chunk]
        return self.send(200, body, {"X-WP-Total": str(len(items)), "X-WP-TotalPages": str(pages)})

    # --- RSS / Atom --------------------------------------------------------------
    def feed(self, path):
        from xml.sax.saxutils import escape as xml_escape
        w = self.world

        def escape(text):
            # Characters XML 1.0 cannot carry at all: a real feed cannot hold them either.
            return xml_escape("".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20))
        if path == "/feed.xml":
            entries = "".join(
                f"<item><title>{escape('By: ' + c['author'])}</title><link>https://blog.example/p/#c{c['i']}</link>"
                f"<dc:creator>{escape(c['author'])}</dc:creator><pubDate>{c['at'].strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                f"<guid isPermaLink=\"false\">https://blog.example/?c={c['i']}</guid>"
                f"<description>{escape(c['text'])}</description><content:encoded><![CDATA[<p>{escape(c['text'])}</p>]]></content:encoded></item>"
                for c in w.comments)
            xml = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comments</title>' + entries + "</channel></rss>")
            return self.send(200, xml.encode(), {"ETag": f'"{len(w.comments)}"'}, "application/rss+xml")
        entries = "".join(
            f"<entry><id>tag:blog.example,2026:c{c['i']}</id><author><name>{escape(c['author'])}</name></author>"
            f"<published>{iso(c['at'])}</published><link rel=\"alternate\" href=\"https://blog.example/p/#c{c['i']}\"/>"
            + (f"<thr:in-reply-to ref=\"tag:blog.example,2026:c{c['parent']}\"/>" if c["parent"] is not None else "")
            + f"<content type=\"html\">{escape('<p>' + escape(c['text']) + '</p>')}</content></entry>"
            for c in w.comments)
        xml = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
               'xmlns:thr="http://purl.org/syndication/thread/1.0"><title>Comments</title>' + entries + "</feed>")
        return self.send(200, xml.encode(), None, "application/atom+xml")

    # --- Facebook Graph -----------------------------------------------------------
    def facebook(self, path, q):
        w = self.world
        if w.expired or q.get("access_token") != TOKEN:
            return self.send(400, {"error": {"message": "Error validating access token: Session has expired.",
                                             "type": "OAuthException", "code": 190, "error_subcode": 463}})
        parts = path.strip("/").split("/")
        if parts and parts[0].startswith("v") and "." in parts[0]:
            parts = parts[1:]  # /v21.0/… as the Graph API versions its paths
        parts = [""] + parts
        base = f"http://{self.headers.get('Host')}"
        if len(parts) == 3 and parts[1] == PAGE_ID and parts[2] == "feed":
            return self.send(200, {"data": [{"id": f"{PAGE_ID}_1"}, {"id": f"{PAGE_ID}_2"}], "paging": {}})
        if len(parts) == 3 and parts[2] == "comments":
            post = parts[1]
            mine = [c for c in w.comments if (c["i"] % 2 == 0) == post.endswith("_1")]
            start = int(q.get("after", "0"))
            limit = int(q.get("limit", "25"))
            chunk = mine[start:start + limit]
            data = [{"id": f"{post}_{c['i']}", "message": c["text"], "created_time": c["at"].strftime("%Y-%m-%dT%H:%M:%S+0000"),
                     "from": {"id": f"u{c['i']}", "name": c["author"]},
                     "permalink_url": f"https://www.facebook.com/{post}?comment_id={c['i']}"} for c in chunk]
            paging = {"cursors": {"before": str(start), "after": str(start + limit)}}
            if start + limit < len(mine):
                paging["next"] = f"{base}{path}?filter=stream&limit={limit}&after={start + limit}&access_token={TOKEN}"
            return self.send(200, {"data": data, "paging": paging})
        if len(parts) == 2 and parts[1] == PAGE_ID:
            return self.send(200, {"id": PAGE_ID, "name": "Harbourside Libraries"})
        return self.send(404, {"error": {"message": "Unknown path", "code": 803}})

    # --- X API v2 -------------------------------------------------------------------
    def x(self, path, q):
        w = self.world
        if w.expired or self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.send(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
        if path == "/2/users/me":
            return self.send(200, {"data": {"id": X_USER, "name": "Harbourside Libraries", "username": "harbourside"}})
        if path != f"/2/users/{X_USER}/mentions":
            return self.send(404, {"title": "Not Found"})
        newest_first = [c for c in reversed(w.comments)]
        if "since_id" in q:
            newest_first = [c for c in newest_first if 10_000_000 + c["i"] > int(q["since_id"])]
        start = int(q.get("pagination_token", "0"))
        limit = int(q.get("max_results", "10"))
        chunk = newest_first[start:start + limit]
        data = [{"id": str(10_000_000 + c["i"]), "text": c["text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
                 "author_id": str(3000 + c["i"]), "created_at": iso(c["at"]),
                 **({"referenced_tweets": [{"type": "replied_to", "id": str(10_000_000 + c["parent"])}]} if c["parent"] is not None else {})}
                for c in chunk]
        users = [{"id": str(3000 + c["i"]), "name": c["author"], "username": f"reader{c['i']}"} for c in chunk]
        meta = {"result_count": len(data)}
        if data:
            meta["newest_id"], meta["oldest_id"] = data[0]["id"], data[-1]["id"]
        if start + limit < len(newest_first):
            meta["next_token"] = str(start + limit)
        body = {"meta": meta}
        if data:
            body["data"] = data
            body["includes"] = {"users": users}
        return self.send(200, body, {"x-rate-limit-limit": "450", "x-rate-limit-remaining": "449",
                                     "x-rate-limit-reset": str(int(time.time()) + 900)})


def main():
    lifeline.watch_parent()
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=12)
    ap.add_argument("--hostile", action="store_true")
    args = ap.parse_args()
    Handler.world = World(args.items, args.hostile)
    lifeline.serve(Handler)


if __name__ == "__main__":
    sys.exit(main())
