import EarshotCore
import EarshotStore
import Foundation

/// Where a post landed.
public struct SentPost: Equatable, Sendable {
    public var platformID: String
    public var url: String?
}

/// The platform refused the post for good (too long, bad reply target): retrying
/// would only be refused again, so a person decides.
public struct DeliveryRejected: Error, CustomStringConvertible {
    public var description: String
}

/// One platform's way of posting. `send` makes one attempt (no retry of its own);
/// `find` answers, after an attempt that may or may not have arrived, whether the
/// post is already there, so nothing is sent twice.
protocol Sender {
    func send(_ post: OutboxPost, key: String, _ c: FetchContext) throws -> SentPost
    /// nil: it is not there and may be sent. `since` is when the first attempt began.
    func find(_ post: OutboxPost, key: String, since: Date, _ c: FetchContext) throws -> SentPost?
    /// Deletes a delivered post; one already gone counts as deleted.
    func delete(_ post: OutboxPost, platformID: String, _ c: FetchContext) throws
}

extension Sender {
    func delete(_ post: OutboxPost, platformID: String, _ c: FetchContext) throws {
        throw DeliveryRejected(description: "Earshot cannot delete posts from \(c.account.platform.rawValue); do it there")
    }
}

extension Platform {
    var sender: (any Sender)? {
        switch self {
        case .mastodon: MastodonSender()
        case .bluesky: BlueskySender()
        case .wordpress: WordPressSender()
        case .facebook: FacebookSender()
        case .feed, .x: nil
        }
    }
}

extension FetchContext {
    /// One attempt at a request that creates something: never repeated here, because
    /// a repeat after a lost answer could post twice. 2xx comes back; a refused login,
    /// 429/503 (with when to try again) and other 5xx or no answer are thrown for
    /// `deliver` to record and retry after asking the platform; other 4xx is a rejection.
    func attempt(_ request: HTTPRequest, what: String) throws -> HTTPResponse {
        try sorted(try once(request), what: what)
    }

    /// The request sent once; no answer at all is a server error (it may have arrived).
    func once(_ request: HTTPRequest) throws -> HTTPResponse {
        do { return try http.client.send(request) } catch let e as TransportError {
            throw FetchError.server(e.description)
        }
    }

    func sorted(_ r: HTTPResponse, what: String) throws -> HTTPResponse {
        switch r.status {
        case 200..<300:
            return r
        case 401, 403:
            try check(r, what: what)
            return r
        case 429, 503:
            throw FetchError.rateLimited(until: http.waitFor(r).map { http.now().addingTimeInterval($0) })
        case 500...:
            throw FetchError.server("\(what) answered \(r.status): \(Self.said(r))")
        default:
            throw DeliveryRejected(description: "\(account.platform.rawValue) refused it (\(r.status)): \(Self.said(r))")
        }
    }

    func json(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
    }

    func jsonBody(_ object: [String: Any]) -> Data? {
        try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
