import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// Mentions, replies and quotes from `app.bsky.notification.listNotifications`,
/// newest first until the newest already seen. The session is created once from the
/// app password and refreshed after; tokens live in `secrets/NAME.session`, shared
/// by every process, because `createSession` allows only 30 logins per 5 minutes.
struct BlueskyFetcher: Fetcher {
    /// A first run reads no further back than this many pages.
    static let firstRunPages = 20

    func test(_ c: FetchContext) throws -> String {
        let session = try self.session(c)
        return "@\(session.handle)"
    }

    func run(_ c: FetchContext) throws {
        var session = try self.session(c)
        var pageCursor: String?
        var newest: String?
        var pages = 0
        var reached = false
        while !reached {
            var query = [("limit", "50")]
            if let pageCursor { query.append(("cursor", pageCursor)) }
            let response = try authorised(c, &session) { s in
                try c.http.send(HTTPRequest("GET", try c.url("/xrpc/app.bsky.notification.listNotifications", query),
                                            headers: ["Authorization": "Bearer \(s.accessJwt)"]))
            }
            let page = try Bluesky.page(response.body)
            var fresh = page.notifications
            if let seen = c.state.cursor {
                fresh = fresh.filter { $0.indexedAt > seen }
                reached = fresh.count < page.notifications.count
            }
            for n in fresh where newest == nil || n.indexedAt > newest! { newest = n.indexedAt }
            var arrivals = Bluesky.arrivals(fresh, ownDID: session.did)
            arrivals += try parents(of: arrivals, c, &session)
            // The cursor moves only when every page down to the last one seen is in.
            try c.deliver(arrivals, nil)
            pages += 1
            pageCursor = page.cursor
            if page.cursor == nil || page.notifications.isEmpty { break }
            if c.state.cursor == nil, pages >= Self.firstRunPages { break }
        }
        if let newest { try c.deliver([], newest) }
    }

    func parents(of arrivals: [Arrival], _ c: FetchContext, _ session: inout Bluesky.Session) throws -> [Arrival] {
        let here = Set(arrivals.map(\.platformID))
        var found: [Arrival] = []
        for a in arrivals {
            guard let parent = a.inReplyTo, !here.contains(parent), !c.isKnown(ArrivalKey(.bluesky, parent)) else { continue }
            let query = [("uri", a.platformID), ("depth", "0"), ("parentHeight", "10")]
            let response = try authorised(c, &session) { s in
                try c.http.send(HTTPRequest("GET", try c.url("/xrpc/app.bsky.feed.getPostThread", query),
                                            headers: ["Authorization": "Bearer \(s.accessJwt)"]))
            }
            // A deleted or blocked post has no thread to show; the reply stands alone.
            if response.status == 400 { continue }
            found += Bluesky.parents(try Bluesky.thread(response.body), ownDID: session.did)
        }
        return found
    }

    /// Sends with the access token; on an expired one refreshes (or logs in again) once.
    func authorised(_ c: FetchContext, _ session: inout Bluesky.Session, _ send: (Bluesky.Session) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try send(session)
        if expired(response) {
            session = try refresh(c, session)
            response = try send(session)
        }
        if response.status == 400, (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["error"] as? String == "NotFound" {
            return response
        }
        try c.check(response, what: "Bluesky")
        return response
    }

    func expired(_ r: HTTPResponse) -> Bool {
        guard r.status == 400 || r.status == 401 else { return false }
        let error = (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["error"] as? String
        return error == "ExpiredToken" || error == "InvalidToken" || r.status == 401
    }

    func session(_ c: FetchContext) throws -> Bluesky.Session {
        if let data = try PrivateFile.read(c.book.sessionURL(c.account.name)),
           let saved = try? JSONDecoder().decode(Bluesky.Session.self, from: data) {
            return saved
        }
        return try login(c)
    }

    func refresh(_ c: FetchContext, _ old: Bluesky.Session) throws -> Bluesky.Session {
        let r = try c.http.send(HTTPRequest("POST", try c.url("/xrpc/com.atproto.server.refreshSession", []),
                                            headers: ["Authorization": "Bearer \(old.refreshJwt)"]))
        guard r.status == 200, let fresh = try? JSONDecoder().decode(Bluesky.Session.self, from: r.body) else {
            return try login(c)
        }
        try PrivateFile.write(c.book.sessionURL(c.account.name), try JSONEncoder().encode(fresh))
        return fresh
    }

    func login(_ c: FetchContext) throws -> Bluesky.Session {
        guard let handle = c.account.login else {
            throw FetchError.loginRefused("no handle for \(c.account.name); add the account again with --login HANDLE")
        }
        let r = try c.http.send(.json(try c.url("/xrpc/com.atproto.server.createSession", []),
                                      ["identifier": handle, "password": try c.secret()]))
        guard r.status == 200 else {
            if r.status == 401 || r.status == 400 {
                throw FetchError.loginRefused("Bluesky refused the app password for @\(handle) (\(FetchContext.said(r))); make a new one in Settings → Privacy and security → App passwords")
            }
            try c.check(r, what: "Bluesky login")
            throw FetchError.server("Bluesky login answered \(r.status)")
        }
        let session: Bluesky.Session
        do { session = try JSONDecoder().decode(Bluesky.Session.self, from: r.body) } catch {
            throw FetchError.server("Bluesky login: unreadable answer")
        }
        try PrivateFile.write(c.book.sessionURL(c.account.name), try JSONEncoder().encode(session))
        return session
    }
}
