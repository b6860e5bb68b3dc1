import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// WordPress by REST: a reply is a comment under the comment it answers, anything
/// else a published post. No idempotency key exists, so after an attempt that may
/// have arrived `find` lists the recent ones and matches the text exactly.
struct WordPressSender: Sender {
    func send(_ post: OutboxPost, key: String, _ c: FetchContext) throws -> SentPost {
        var headers = try auth(c)
        headers["Content-Type"] = "application/json"
        let request: HTTPRequest
        if let target = post.inReplyTo {
            let parent = c.json(try c.get("/wp-json/wp/v2/comments/\(target.platformID)", headers: headers))
            guard let postID = parent["post"] as? Int else { throw DeliveryRejected(description: "the comment it answers (\(target.platformID)) is gone") }
            let body: [String: Any] = ["post": postID, "parent": Int(target.platformID) ?? 0, "content": post.text]
            request = HTTPRequest("POST", try c.url("/wp-json/wp/v2/comments", []), headers: headers, body: c.jsonBody(body))
        } else {
            let title = String(post.text.split(separator: "\n").first?.prefix(80) ?? "")
            let body: [String: Any] = ["title": title, "content": post.text, "status": "publish"]
            request = HTTPRequest("POST", try c.url("/wp-json/wp/v2/posts", []), headers: headers, body: c.jsonBody(body))
        }
        return try sent(c.json(try c.attempt(request, what: "WordPress")))
    }

    func find(_ post: OutboxPost, key: String, since: Date, _ c: FetchContext) throws -> SentPost? {
        let headers = try auth(c)
        let after = ISO8601DateFormatter().string(from: since.addingTimeInterval(-300))
        let r: HTTPResponse
        if let target = post.inReplyTo {
            r = try c.get("/wp-json/wp/v2/comments", [("parent", target.platformID), ("context", "edit"), ("per_page", "100"), ("after", after)], headers: headers)
        } else {
            r = try c.get("/wp-json/wp/v2/posts", [("context", "edit"), ("per_page", "100"), ("after", after), ("status", "publish")], headers: headers)
        }
        let list = (try? JSONSerialization.jsonObject(with: r.body) as? [[String: Any]]) ?? []
        // `raw` is what was sent; `rendered` has WordPress's paragraphs added.
        let match = list.first { (($0["content"] as? [String: Any])?["raw"] as? String) == post.text }
        return try match.map(sent)
    }

    func sent(_ object: [String: Any]) throws -> SentPost {
        guard let id = object["id"] as? Int else { throw FetchError.server("WordPress answered without an id") }
        return SentPost(platformID: String(id), url: object["link"] as? String)
    }

    func auth(_ c: FetchContext) throws -> [String: String] {
        let headers = try WordPressFetcher().auth(c)
        guard !headers.isEmpty else {
            throw FetchError.loginRefused("posting to WordPress needs an application password: add the account with --login USER and its secret")
        }
        return headers
    }
}

/// A Facebook Page: `/{page-id}/feed` for a post, `/{comment-id}/comments` for a
/// reply. No idempotency key: after an attempt that may have arrived, `find` lists
/// the recent ones and matches the message exactly.
struct FacebookSender: Sender {
    func send(_ post: OutboxPost, key: String, _ c: FetchContext) throws -> SentPost {
        let edge = try self.edge(post, c)
        var form = URLComponents()
        form.queryItems = [URLQueryItem(name: "message", value: post.text)]
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let request = HTTPRequest("POST", try c.url(edge, [("access_token", try c.secret())]),
                                  headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data(body.utf8))
        let r = try c.once(request)
        try expired(r)
        guard let id = c.json(try c.sorted(r, what: "Facebook")) ["id"] as? String else {
            throw FetchError.server("Facebook answered without an id")
        }
        return SentPost(platformID: id, url: "https://www.facebook.com/\(id)")
    }

    func find(_ post: OutboxPost, key: String, since: Date, _ c: FetchContext) throws -> SentPost? {
        let r = try c.once(HTTPRequest("GET", try c.url(try edge(post, c), [
            ("fields", "id,message,created_time,permalink_url"), ("limit", "100"), ("access_token", try c.secret())])))
        try expired(r)
        let list = c.json(try c.sorted(r, what: "Facebook")) ["data"] as? [[String: Any]] ?? []
        guard let match = list.first(where: { ($0["message"] as? String) == post.text }), let id = match["id"] as? String else { return nil }
        return SentPost(platformID: id, url: match["permalink_url"] as? String ?? "https://www.facebook.com/\(id)")
    }

    func delete(_ post: OutboxPost, platformID: String, _ c: FetchContext) throws {
        let r = try c.once(HTTPRequest("DELETE", try c.url("/\(platformID)", [("access_token", try c.secret())])))
        try expired(r)
        if r.status == 404 { return }
        _ = try c.sorted(r, what: "Facebook delete")
    }

    func edge(_ post: OutboxPost, _ c: FetchContext) throws -> String {
        if let target = post.inReplyTo { return "/\(target.platformID)/comments" }
        return "/\(try FacebookFetcher().page(c))/feed"
    }

    /// Graph code 190: the Page token expired or was revoked.
    func expired(_ r: HTTPResponse) throws {
        guard r.status >= 400, let e = try? JSONDecoder().decode(Facebook.GraphError.self, from: r.body), e.error.code == 190 else { return }
        throw FetchError.loginRefused("Facebook refused the Page token (\(e.error.message.prefix(200))); make a new long-lived Page token")
    }
}
