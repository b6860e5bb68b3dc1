import EarshotCore
import EarshotIngest
import Foundation

/// WordPress comments by REST, oldest first after the cursor. Without a secret it
/// sees approved comments; with an application password (login + secret) it also
/// fetches those held for moderation.
struct WordPressFetcher: Fetcher {
    func auth(_ c: FetchContext) throws -> [String: String] {
        guard let user = c.account.login, let password = try c.book.secret(c.account.name) else { return [:] }
        return ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    func test(_ c: FetchContext) throws -> String {
        let headers = try auth(c)
        if headers.isEmpty {
            _ = try c.get("/wp-json/wp/v2/comments", [("per_page", "1")])
            return "public comments (no application password)"
        }
        let r = try c.get("/wp-json/wp/v2/users/me", headers: headers)
        let name = (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["name"] as? String
        return name ?? "signed in"
    }

    func run(_ c: FetchContext) throws {
        let headers = try auth(c)
        var newest = c.state.cursor
        // `after` may be read in the site's local time: look a day further back; dedupe absorbs the overlap.
        let after = c.state.cursor.flatMap(PlatformDate.iso).map { ISO8601DateFormatter().string(from: $0.addingTimeInterval(-86_400)) }
        for status in headers.isEmpty ? ["approve"] : ["approve", "hold"] {
            var page = 1
            while true {
                var query = [("per_page", "100"), ("page", String(page)), ("orderby", "date_gmt"), ("order", "asc"), ("status", status)]
                if let after { query.append(("after", after)) }
                let response = try c.get("/wp-json/wp/v2/comments", query, headers: headers)
                let comments = try WordPress.comments(response.body)
                for comment in comments where newest == nil || comment.date_gmt > newest! { newest = comment.date_gmt }
                try c.deliver(WordPress.arrivals(comments, channel: c.account.channel), nil)
                let total = Int(response.header("x-wp-totalpages") ?? "") ?? page
                if comments.isEmpty || page >= total { break }
                page += 1
            }
        }
        if let newest, newest != c.state.cursor { try c.deliver([], newest) }
    }
}

/// An RSS or Atom comment feed, re-read each time (conditional GET); dedupe keeps what is known.
struct FeedFetcher: Fetcher {
    func test(_ c: FetchContext) throws -> String {
        let r = try c.get(try c.base)
        return "\(try Feed.arrivals(r.body, channel: c.account.channel).count) entries"
    }

    func run(_ c: FetchContext) throws {
        var headers: [String: String] = [:]
        if let etag = c.state.cursor { headers["If-None-Match"] = etag }
        let r = try c.get(try c.base, headers: headers)
        if r.status == 304 { return }
        try c.deliver(try Feed.arrivals(r.body, channel: c.account.channel), r.header("etag") ?? c.state.cursor)
    }
}

/// Comments on the Page's recent posts, every reply included (`filter=stream`).
struct FacebookFetcher: Fetcher {
    static let fields = "id,message,created_time,from,parent,permalink_url"

    func page(_ c: FetchContext) throws -> String {
        guard let id = c.account.login else { throw AccountError("account \(c.account.name) needs --login PAGE-ID") }
        return id
    }

    func test(_ c: FetchContext) throws -> String {
        let r = try c.get("/\(try page(c))", [("fields", "id,name"), ("access_token", try c.secret())])
        return ((try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["name"] as? String) ?? "page"
    }

    func run(_ c: FetchContext) throws {
        let token = try c.secret()
        let pageID = try page(c)
        let feed = try graph(c, c.url("/\(pageID)/feed", [("fields", "id"), ("limit", "25"), ("access_token", token)]))
        let posts = try Facebook.page(feed.body, of: Facebook.Post.self).data
        var newest = c.state.cursor
        for post in posts {
            var next: URL? = try c.url("/\(post.id)/comments", [
                ("filter", "stream"), ("fields", Self.fields), ("limit", "100"), ("access_token", token)])
            while let url = next {
                let page = try Facebook.page(try graph(c, url).body, of: Facebook.Comment.self)
                for comment in page.data where newest == nil || comment.created_time > newest! { newest = comment.created_time }
                try c.deliver(Facebook.arrivals(page.data, postID: post.id, pageID: pageID), nil)
                // Follow `next` only to the same host: the token travels with it.
                next = page.paging?.next.flatMap(URL.init(string:)).flatMap { $0.host == (try? c.base)?.host ? $0 : nil }
                if page.data.isEmpty { next = nil }
            }
        }
        if let newest, newest != c.state.cursor { try c.deliver([], newest) }
    }

    /// Graph errors arrive as JSON with a code; 190 means the token expired or was revoked.
    func graph(_ c: FetchContext, _ url: URL) throws -> HTTPResponse {
        let r = try c.http.send(HTTPRequest("GET", url))
        if r.status >= 400, let e = try? JSONDecoder().decode(Facebook.GraphError.self, from: r.body) {
            if e.error.code == 190 || r.status == 401 {
                throw FetchError.loginRefused("Facebook refused the Page token (\(e.error.message.prefix(200))); make a new long-lived Page token")
            }
            throw FetchError.server("Facebook Graph: \(e.error.message.prefix(200))")
        }
        try c.check(r, what: "Facebook Graph")
        return r
    }
}

/// Mentions of the library's X account since the newest seen (`since_id`).
struct XFetcher: Fetcher {
    func user(_ c: FetchContext) throws -> String {
        guard let id = c.account.login else { throw AccountError("account \(c.account.name) needs --login USER-ID") }
        return id
    }

    func test(_ c: FetchContext) throws -> String {
        let r = try c.get("/2/users/me", headers: ["Authorization": "Bearer \(try c.secret())"])
        let data = (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["data"] as? [String: Any]
        return (data?["username"] as? String).map { "@\($0)" } ?? "signed in"
    }

    func run(_ c: FetchContext) throws {
        let headers = ["Authorization": "Bearer \(try c.secret())"]
        let id = try user(c)
        var token: String?
        var newest = c.state.cursor
        repeat {
            var query = [("max_results", "100"), ("expansions", "author_id"),
                         ("tweet.fields", "created_at,author_id,referenced_tweets,conversation_id")]
            if let since = c.state.cursor { query.append(("since_id", since)) }
            if let token { query.append(("pagination_token", token)) }
            let page = try XMentions.page(try c.get("/2/users/\(id)/mentions", query, headers: headers).body)
            for post in page.data ?? [] where newer(post.id, than: newest) { newest = post.id }
            try c.deliver(XMentions.arrivals(page, ownID: id), nil)
            token = page.meta?.next_token
        } while token != nil
        if let newest, newest != c.state.cursor { try c.deliver([], newest) }
    }
}
