import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// `com.atproto.repo.createRecord` with a record key chosen before sending: after an
/// attempt that may have arrived, `getRecord` on that key says whether it did.
struct BlueskySender: Sender {
    static let collection = "app.bsky.feed.post"

    func send(_ post: OutboxPost, key: String, _ c: FetchContext) throws -> SentPost {
        var session = try BlueskyFetcher().session(c)
        var record: [String: Any] = [
            "$type": Self.collection, "text": post.text,
            "createdAt": ISO8601DateFormatter().string(from: post.publishedAt),
        ]
        let facets = try self.facets(post.text, c, &session)
        if !facets.isEmpty { record["facets"] = facets }
        if let target = post.inReplyTo { record["reply"] = try reply(to: target.platformID, c, &session) }
        // Images as blobs first, each with its alt text; a repeat after a crash only leaves unused blobs.
        let images = try ImageFile.load(post, root: c.book.files.root)
        if !images.isEmpty {
            let embedded = try images.map { image -> [String: Any] in
                let r = try call(c, &session) { s in
                    HTTPRequest("POST", try c.url("/xrpc/com.atproto.repo.uploadBlob", []),
                                headers: ["Authorization": "Bearer \(s.accessJwt)", "Content-Type": image.mime], body: image.data)
                }
                guard let blob = c.json(try c.sorted(r, what: "Bluesky uploadBlob"))["blob"] else {
                    throw FetchError.server("Bluesky answered the upload without a blob")
                }
                return ["alt": image.alt, "image": blob]
            }
            record["embed"] = ["$type": "app.bsky.embed.images", "images": embedded]
        }
        let body: [String: Any] = ["repo": session.did, "collection": Self.collection, "rkey": key, "record": record]
        let r = try call(c, &session) { s in
            HTTPRequest("POST", try c.url("/xrpc/com.atproto.repo.createRecord", []),
                        headers: ["Authorization": "Bearer \(s.accessJwt)", "Content-Type": "application/json"], body: c.jsonBody(body))
        }
        let object = c.json(try c.sorted(r, what: "Bluesky createRecord"))
        guard let uri = object["uri"] as? String else { throw FetchError.server("Bluesky answered without the record's uri") }
        return SentPost(platformID: uri, url: link(session, key))
    }

    func find(_ post: OutboxPost, key: String, since: Date, _ c: FetchContext) throws -> SentPost? {
        var session = try BlueskyFetcher().session(c)
        guard let found = try record(repo: session.did, rkey: key, c, &session) else { return nil }
        return SentPost(platformID: found["uri"] as? String ?? "at://\(session.did)/\(Self.collection)/\(key)", url: link(session, key))
    }

    func delete(_ post: OutboxPost, platformID: String, _ c: FetchContext) throws {
        var session = try BlueskyFetcher().session(c)
        let rkey = platformID.split(separator: "/").last.map(String.init) ?? platformID
        let body: [String: Any] = ["repo": session.did, "collection": Self.collection, "rkey": rkey]
        let r = try call(c, &session) { s in
            HTTPRequest("POST", try c.url("/xrpc/com.atproto.repo.deleteRecord", []),
                        headers: ["Authorization": "Bearer \(s.accessJwt)", "Content-Type": "application/json"], body: c.jsonBody(body))
        }
        _ = try c.sorted(r, what: "Bluesky deleteRecord")
    }

    func link(_ s: Bluesky.Session, _ rkey: String) -> String {
        "https://bsky.app/profile/\(s.handle)/post/\(rkey)"
    }

    /// The record, or nil when the repository says it does not exist.
    func record(repo: String, rkey: String, _ c: FetchContext, _ session: inout Bluesky.Session) throws -> [String: Any]? {
        let r = try call(c, &session) { s in
            HTTPRequest("GET", try c.url("/xrpc/com.atproto.repo.getRecord", [("repo", repo), ("collection", Self.collection), ("rkey", rkey)]),
                        headers: ["Authorization": "Bearer \(s.accessJwt)"])
        }
        if r.status == 400 || r.status == 404, ["RecordNotFound", "NotFound"].contains(c.json(r)["error"] as? String) { return nil }
        return c.json(try c.sorted(r, what: "Bluesky getRecord"))
    }

    /// `reply.parent` is the comment answered; `reply.root` the thread's first post.
    func reply(to uri: String, _ c: FetchContext, _ session: inout Bluesky.Session) throws -> [String: Any] {
        let parts = uri.replacingOccurrences(of: "at://", with: "").split(separator: "/").map(String.init)
        guard parts.count == 3, let parent = try record(repo: parts[0], rkey: parts[2], c, &session),
              let cid = parent["cid"] as? String else {
            throw DeliveryRejected(description: "the Bluesky post it answers (\(uri)) is gone")
        }
        let parentRef: [String: Any] = ["uri": uri, "cid": cid]
        let root = ((parent["value"] as? [String: Any])?["reply"] as? [String: Any])?["root"] as? [String: Any] ?? parentRef
        return ["root": root, "parent": parentRef]
    }

    func facets(_ text: String, _ c: FetchContext, _ session: inout Bluesky.Session) throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        for span in BlueskyFacets.spans(in: text) {
            let feature: [String: Any]
            switch span.kind {
            case .link(let uri):
                feature = ["$type": "app.bsky.richtext.facet#link", "uri": uri]
            case .mention(let handle):
                let r = try call(c, &session) { s in
                    HTTPRequest("GET", try c.url("/xrpc/com.atproto.identity.resolveHandle", [("handle", handle)]),
                                headers: ["Authorization": "Bearer \(s.accessJwt)"])
                }
                // A handle nobody has stays plain text.
                guard r.status == 200, let did = c.json(r)["did"] as? String else { continue }
                feature = ["$type": "app.bsky.richtext.facet#mention", "did": did]
            }
            out.append(["index": ["byteStart": span.start, "byteEnd": span.end], "features": [feature]])
        }
        return out
    }

    /// Once, refreshing an expired session first if the server says so.
    func call(_ c: FetchContext, _ session: inout Bluesky.Session, _ make: (Bluesky.Session) throws -> HTTPRequest) throws -> HTTPResponse {
        let fetcher = BlueskyFetcher()
        var r = try c.once(try make(session))
        if fetcher.expired(r) {
            session = try fetcher.refresh(c, session)
            r = try c.once(try make(session))
            if fetcher.expired(r) { throw FetchError.loginRefused("Bluesky refused the session for \(c.account.name); make a new app password") }
        }
        return r
    }
}
