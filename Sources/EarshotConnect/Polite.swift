import Foundation

/// Why a fetch stopped, in words an admin can act on.
public enum FetchError: Error, CustomStringConvertible, Equatable {
    /// 401/403 or the platform's "expired token": the secret must be renewed.
    case loginRefused(String)
    /// Still rate-limited after waiting as long as we are willing to.
    case rateLimited(until: Date?)
    /// The server kept failing (5xx) or answered something we cannot read.
    case server(String)

    public var description: String {
        switch self {
        case .loginRefused(let why): "login refused: \(why)"
        case .rateLimited(let until):
            "rate limited" + (until.map { " until \(ISO8601DateFormatter().string(from: $0))" } ?? "") + "; will try again next run"
        case .server(let why): "server error: \(why)"
        }
    }
}

/// Sends requests the way platforms ask: waits when the rate-limit headers say the
/// allowance is spent, honours `Retry-After` on 429 and 503, backs off on other 5xx,
/// and gives up (for this run) rather than wait longer than `maxWait`.
public struct Polite: Sendable {
    public var client: any HTTPClient
    public var retries: Int
    /// First back-off after a 5xx, doubled each time.
    public var backoff: TimeInterval
    /// Longest single wait; a longer Retry-After ends this run with `.rateLimited`.
    public var maxWait: TimeInterval
    public var sleep: @Sendable (TimeInterval) -> Void
    public var now: @Sendable () -> Date

    public init(
        client: any HTTPClient, retries: Int = 3, backoff: TimeInterval = 2, maxWait: TimeInterval = 120,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.retries = retries
        self.backoff = backoff
        self.maxWait = maxWait
        self.sleep = sleep
        self.now = now
    }

    /// Answers 2xx and 4xx (other than 429) to the caller; retries the rest.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        var attempt = 0
        while true {
            let response: HTTPResponse
            do {
                response = try client.send(request)
            } catch let error as TransportError {
                guard attempt < retries else { throw FetchError.server(error.description) }
                sleep(backoff * pow(2, Double(attempt)))
                attempt += 1
                continue
            }
            if response.status == 429 || response.status == 503 || response.status >= 500 {
                guard attempt < retries else {
                    if response.status == 429 { throw FetchError.rateLimited(until: resetTime(response)) }
                    throw FetchError.server("\(request.url.host ?? "") answered \(response.status) \(retries + 1) times")
                }
                let wait = waitFor(response) ?? backoff * pow(2, Double(attempt))
                if wait > maxWait { throw FetchError.rateLimited(until: now().addingTimeInterval(wait)) }
                sleep(max(0, wait))
                attempt += 1
                continue
            }
            // The allowance is spent: wait for it before the next request goes out.
            if let remaining = remaining(response), remaining <= 0, let reset = resetTime(response) {
                let wait = reset.timeIntervalSince(now())
                if wait > maxWait { throw FetchError.rateLimited(until: reset) }
                if wait > 0 { sleep(wait) }
            }
            return response
        }
    }

    /// `Retry-After` as seconds or an HTTP date, else the rate-limit reset.
    func waitFor(_ r: HTTPResponse) -> TimeInterval? {
        if let value = r.header("retry-after")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value) { return max(0, seconds) }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = f.date(from: value) { return max(0, date.timeIntervalSince(now())) }
        }
        return resetTime(r).map { max(0, $0.timeIntervalSince(now())) }
    }

    func remaining(_ r: HTTPResponse) -> Int? {
        (r.header("x-ratelimit-remaining") ?? r.header("x-rate-limit-remaining") ?? r.header("ratelimit-remaining")).flatMap { Int($0) }
    }

    /// Mastodon: ISO time; X and Bluesky: Unix seconds.
    func resetTime(_ r: HTTPResponse) -> Date? {
        guard let value = r.header("x-ratelimit-reset") ?? r.header("x-rate-limit-reset") ?? r.header("ratelimit-reset") else { return nil }
        if let epoch = Double(value) { return epoch > 1_000_000_000 ? Date(timeIntervalSince1970: epoch) : now().addingTimeInterval(epoch) }
        return ISO8601DateFormatter().date(from: value)
            ?? { let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]; return f.date(from: value) }()
    }
}
