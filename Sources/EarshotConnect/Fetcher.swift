import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// What a fetcher is given: its account, the polite HTTP client, its secret, its
/// saved state, and `deliver`, which appends a batch durably and only then moves the
/// cursor (nil leaves the cursor as it was).
public struct FetchContext {
    public var account: Account
    public var http: Polite
    public var book: AccountBook
    public var state: FetchState
    public var isKnown: (ArrivalKey) -> Bool
    public var deliver: (_ arrivals: [Arrival], _ cursor: String?) throws -> Void

    public var base: URL {
        get throws {
            guard let url = account.baseURL, url.scheme == "https" || url.scheme == "http" else {
                throw AccountError("account \(account.name): '\(account.instance)' is not an http(s) address")
            }
            return url
        }
    }

    public func secret() throws -> String {
        guard let secret = try book.secret(account.name), !secret.isEmpty else {
            throw FetchError.loginRefused("no secret stored for \(account.name); add it with `earshot accounts add`")
        }
        return secret
    }

    /// GET `path` under the instance with query items; answers only 2xx, turns 401/403 into `.loginRefused`.
    public func get(_ path: String, _ query: [(String, String)] = [], headers: [String: String] = [:]) throws -> HTTPResponse {
        try get(url(path, query), headers: headers)
    }

    public func get(_ url: URL, headers: [String: String] = [:]) throws -> HTTPResponse {
        let response = try http.send(HTTPRequest("GET", url, headers: headers))
        try check(response, what: url.path)
        return response
    }

    public func url(_ path: String, _ query: [(String, String)]) throws -> URL {
        var components = URLComponents(url: try base, resolvingAgainstBaseURL: false)!
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return components.url!
    }

    public func check(_ response: HTTPResponse, what: String) throws {
        switch response.status {
        case 200..<300, 304: return
        case 401, 403:
            throw FetchError.loginRefused("\(account.platform.rawValue) answered \(response.status) for \(what): \(Self.said(response)); the token or app password has expired or was revoked — store a new one with `earshot accounts add`")
        default:
            throw FetchError.server("\(what) answered \(response.status): \(Self.said(response))")
        }
    }

    /// The server's own words, short: an `error`/`message` field, else the start of the body.
    static func said(_ response: HTTPResponse) -> String {
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            if let e = object["error"] as? String { return String(e.prefix(200)) }
            if let m = object["message"] as? String { return String(m.prefix(200)) }
            if let e = object["error"] as? [String: Any], let m = e["message"] as? String { return String(m.prefix(200)) }
            if let d = object["detail"] as? String { return String(d.prefix(200)) }
        }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
        return text.isEmpty ? "no details" : text
    }
}

/// One platform's way of fetching.
public protocol Fetcher {
    func run(_ context: FetchContext) throws
    /// One authenticated request that proves the account works; returns who it is.
    func test(_ context: FetchContext) throws -> String
}

extension Platform {
    public var fetcher: any Fetcher {
        switch self {
        case .mastodon: MastodonFetcher()
        case .bluesky: BlueskyFetcher()
        case .wordpress: WordPressFetcher()
        case .feed: FeedFetcher()
        case .facebook: FacebookFetcher()
        case .x: XFetcher()
        }
    }
}

/// Ids such as Mastodon's and X's are numbers written as strings, longer than Int64 may hold.
func newer(_ a: String, than b: String?) -> Bool {
    guard let b else { return true }
    return a.count != b.count ? a.count > b.count : a > b
}
