#!/usr/bin/env python3
"""Where posts go, for tests: Bluesky (createRecord, getRecord, resolveHandle), a
WordPress site (comments and posts by REST) and a Facebook Page (feed, comments),
following the documented request and response shapes on 127.0.0.1 (a free port,
printed on the first line of stdout). Every post received is kept, so a test can
count them; nothing is ever deduplicated here except what the platform itself does
(Bluesky refuses a second record under the same key).

Test controls, under /_control/:
    POST fault  {"path": PART, "status": 500, "headers": {...}, "count": 1, "after": false}
                (answer STATUS to a request whose path contains PART; "after": store the post first)
    POST slow   {"path": PART, "seconds": 5, "count": 1, "after": false}
    POST expire                     (every token stops working)
    Deleted posts stay listed under /_control/posts with "deleted": true.
    GET  posts                      ({"posts": [{"platform", "id", "text", "parent", "rkey"}]})
"""
import base64
import json
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

import lifeline  # beside this file: stops the server if its test is gone

BSKY_PASSWORD = "abcd-efgh-ijkl-mnop"
TOKEN = "test-token-0123456789abcdef"
WP_USER, WP_PASSWORD = "editor", "wp-app-pass"
PAGE_ID = "1000"
DID = "did:plc:library"
LIMITS = {"bluesky": 300, "wordpress": 10000, "facebook": 63206}
# Things there already, to reply to.
BSKY_COMMENT = "at://did:plc:reader1/app.bsky.feed.post/c1"
BSKY_ROOT = "at://did:plc:library/app.bsky.feed.post/own1"


class World:
    def __init__(self):
        self.lock = threading.Lock()
        self.posts = []
        self.faults = []
        self.slow = []
        self.expired = False
        self.access = "access-1"
        self.sessions = 0
        self.blobs = 0


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


class Handler(BaseHTTPRequestHandler):
    world: World = None
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            return {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
        if self.headers.get("Content-Type", "").startswith("image/"):
            return raw
        return json.loads(raw or b"{}")

    def do_POST(self):
        self.route("POST")

    def do_GET(self):
        self.route("GET")

    def do_DELETE(self):
        self.route("DELETE")

    def pick(self, rules, full):
        for r in rules:
            if r["path"] in full and r.get("count", 1) > 0:
                r["count"] = r.get("count", 1) - 1
                return r
        return None

    def route(self, method):
        w = self.world
        url = urlparse(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = url.path
        body = self.read_body() if method == "POST" else {}
        if path.startswith("/_control/"):
            return self.control(path[len("/_control/"):], body)
        with w.lock:
            fault = self.pick(w.faults, self.path)
            slow = self.pick(w.slow, self.path)
        if fault and not fault.get("after"):
            return self.send(fault["status"], {"error": "Fault", "message": "injected"}, fault.get("headers"))
        if slow and not slow.get("after"):
            time.sleep(slow["seconds"])
        with w.lock:
            status, answer = self.answer(method, path, q, body)
        if slow and slow.get("after"):
            time.sleep(slow["seconds"])
        if fault and fault.get("after"):
            return self.send(fault["status"], {"error": "Fault", "message": "injected after storing"}, fault.get("headers"))
        return self.send(status, answer)

    def control(self, what, body):
        w = self.world
        with w.lock:
            if what == "fault":
                w.faults.append(body)
            elif what == "slow":
                w.slow.append(body)
            elif what == "expire":
                w.expired = True
            elif what == "posts":
                return self.send(200, {"posts": w.posts})
            else:
                return self.send(404, {})
        return self.send(200, {})

    def store(self, platform, text, parent=None, rkey=None):
        w = self.world
        if len(text) > LIMITS[platform]:
            return None
        post = {"platform": platform, "id": str(len(w.posts) + 100), "text": text, "parent": parent, "rkey": rkey, "at": now()}
        w.posts.append(post)
        return post

    def answer(self, method, path, q, body):
        if path.startswith("/xrpc/"):
            return self.bluesky(method, path, q, body)
        if path.startswith("/wp-json/"):
            return self.wordpress(method, path, q, body)
        return self.facebook(method, path, q, body)

    # --- Bluesky -------------------------------------------------------------------
    def bluesky(self, method, path, q, body):
        w = self.world
        auth = self.headers.get("Authorization", "")
        if path.endswith("createSession"):
            w.sessions += 1
            if w.expired or body.get("password") != BSKY_PASSWORD:
                return 401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
            w.access = f"access-{w.sessions + 1}"
            return 200, {"accessJwt": w.access, "refreshJwt": "refresh", "handle": body["identifier"], "did": DID}
        if path.endswith("refreshSession"):
            return 400, {"error": "ExpiredToken", "message": "Token has been revoked"}
        if w.expired or auth != "Bearer " + w.access:
            return 400, {"error": "ExpiredToken", "message": "Token has expired"}
        if path.endswith("resolveHandle"):
            if q.get("handle") == "reader.bsky.social":
                return 200, {"did": "did:plc:reader1"}
            return 400, {"error": "InvalidRequest", "message": "Unable to resolve handle"}
        if path.endswith("getRecord"):
            uri = f"at://{q.get('repo')}/{q.get('collection')}/{q.get('rkey')}"
            if uri == BSKY_COMMENT:
                return 200, {"uri": uri, "cid": "cid-c1", "value": {"text": "Are you open on Sunday?",
                             "reply": {"root": {"uri": BSKY_ROOT, "cid": "cid-own1"}, "parent": {"uri": BSKY_ROOT, "cid": "cid-own1"}}}}
            for p in w.posts:
                if p["platform"] == "bluesky" and p["rkey"] == q.get("rkey") and q.get("repo") == DID:
                    return 200, {"uri": uri, "cid": "cid-" + p["id"], "value": p["record"]}
            return 400, {"error": "RecordNotFound", "message": "Could not locate record: " + uri}
        if path.endswith("uploadBlob") and method == "POST":
            w.blobs += 1
            return 200, {"blob": {"$type": "blob", "ref": {"$link": f"bafkblob{w.blobs}"}, "mimeType": self.headers.get("Content-Type"), "size": len(body)}}
        if path.endswith("deleteRecord") and method == "POST":
            for p in w.posts:
                if p["platform"] == "bluesky" and p["rkey"] == body.get("rkey") and body.get("repo") == DID:
                    p["deleted"] = True
            return 200, {}
        if path.endswith("createRecord") and method == "POST":
            rkey = body.get("rkey")
            if body.get("repo") != DID or body.get("collection") != "app.bsky.feed.post" or not rkey:
                return 400, {"error": "InvalidRequest", "message": "bad record"}
            if any(p["platform"] == "bluesky" and p["rkey"] == rkey for p in w.posts):
                return 400, {"error": "InvalidRequest", "message": "Record already exists"}
            record = body.get("record", {})
            parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
            post = self.store("bluesky", record.get("text", ""), parent, rkey)
            if post is None:
                return 400, {"error": "InvalidRequest", "message": "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes"}
            post["record"] = record
            return 200, {"uri": f"at://{DID}/app.bsky.feed.post/{rkey}", "cid": "cid-" + post["id"]}
        return 404, {"error": "MethodNotImplemented"}

    # --- WordPress -------------------------------------------------------------------
    def wordpress(self, method, path, q, body):
        w = self.world
        good = "Basic " + base64.b64encode(f"{WP_USER}:{WP_PASSWORD}".encode()).decode()
        if w.expired or self.headers.get("Authorization") != good:
            return 401, {"code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": {"status": 401}}

        def shape(p):
            kind = "comment" if p["parent"] else "post"
            link = f"https://blog.example/post-7/#comment-{p['id']}" if kind == "comment" else f"https://blog.example/?p={p['id']}"
            return {"id": int(p["id"]), "post": 7, "parent": int(p["parent"] or 0), "date_gmt": p["at"], "link": link,
                    "content": {"raw": p["text"], "rendered": "<p>" + p["text"] + "</p>\n"}}
        if path.startswith("/wp-json/wp/v2/comments/") and method == "GET":
            cid = path.rsplit("/", 1)[-1]
            if cid == "5":
                return 200, {"id": 5, "post": 7, "parent": 0, "content": {"rendered": "<p>Lovely event</p>"}}
            return 404, {"code": "rest_comment_invalid_id", "message": "Invalid comment ID."}
        if path == "/wp-json/wp/v2/comments":
            if method == "POST":
                post = self.store("wordpress", body.get("content", ""), str(body.get("parent", 0)))
                return 201, shape(post)
            mine = [p for p in w.posts if p["platform"] == "wordpress" and p["parent"] == q.get("parent")]
            return 200, [shape(p) for p in mine]
        if path == "/wp-json/wp/v2/posts":
            if method == "POST":
                post = self.store("wordpress", body.get("content", ""))
                return 201, shape(post)
            return 200, [shape(p) for p in w.posts if p["platform"] == "wordpress" and not p["parent"]]
        return 404, {"code": "rest_no_route", "message": "No route was found matching the URL and request method."}

    # --- Facebook ----------------------------------------------------------------------
    def facebook(self, method, path, q, body):
        w = self.world
        if w.expired or q.get("access_token") != TOKEN:
            return 400, {"error": {"message": "Error validating access token: Session has expired.", "type": "OAuthException", "code": 190}}
        parts = [p for p in path.strip("/").split("/") if not (p.startswith("v") and "." in p)]
        if method == "DELETE" and len(parts) == 1:
            for p in w.posts:
                if p["platform"] == "facebook" and p.get("fid") == parts[0]:
                    p["deleted"] = True
                    return 200, {"success": True}
            return 404, {"error": {"message": "Unsupported delete request", "code": 100}}
        if len(parts) != 2 or parts[1] not in ("feed", "comments"):
            return 404, {"error": {"message": "Unknown path", "code": 803}}
        parent = None if parts[1] == "feed" else parts[0]
        if parts[1] == "feed" and parts[0] != PAGE_ID:
            return 404, {"error": {"message": "Unknown page", "code": 803}}
        if method == "POST":
            post = self.store("facebook", body.get("message", ""), parent)
            if post is None:
                return 400, {"error": {"message": "(#100) The message is too long", "type": "OAuthException", "code": 100}}
            fid = f"{PAGE_ID}_{post['id']}" if parent is None else f"{parent}_{post['id']}"
            post["fid"] = fid
            return 200, {"id": fid}
        mine = [p for p in reversed(w.posts) if p["platform"] == "facebook" and p["parent"] == parent]
        return 200, {"data": [{"id": p["fid"], "message": p["text"], "created_time": p["at"] + "+0000",
                               "permalink_url": "https://www.facebook.com/" + p["fid"]} for p in mine]}


def main():
    lifeline.watch_parent()
    Handler.world = World()
    lifeline.serve(Handler)


if __name__ == "__main__":
    main()
