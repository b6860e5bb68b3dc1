import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, as plain values, so fetchers (and delivery) can be tested
/// against any client.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(_ method: String = "GET", _ url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A JSON POST.
    public static func json(_ url: URL, _ object: [String: String], headers: [String: String] = [:]) -> HTTPRequest {
        var h = headers
        h["Content-Type"] = "application/json"
        return HTTPRequest("POST", url, headers: h, body: try? JSONSerialization.data(withJSONObject: object))
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The one HTTP client seam. The live client is Foundation's URLSession, which ships
/// with the toolchain; AsyncHTTPClient would add 3–4 minutes of build to every CI run
/// for the few requests a fetch makes. Swap it here if that ever changes.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// A transport failure: no answer at all (refused, timed out, DNS).
public struct TransportError: Error, CustomStringConvertible {
    public var url: String
    public var message: String
    public var description: String { "no answer from \(url): \(message)" }
}

/// URLSession, made synchronous for command-line use: fetches run one request at a time.
public final class URLSessionClient: HTTPClient {
    private let session: URLSession

    public init(timeout: TimeInterval = 30) {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.httpCookieStorage = nil
        config.urlCache = nil
        config.httpAdditionalHeaders = ["User-Agent": "Earshot (library social media console)"]
        session = URLSession(configuration: config)
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        var r = URLRequest(url: request.url)
        r.httpMethod = request.method
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        r.httpBody = request.body
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: r) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    if let k = k as? String, let v = v as? String { headers[k] = v }
                }
                box.set(.success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data())))
            } else {
                let url = request.url.host ?? request.url.absoluteString
                box.set(.failure(TransportError(url: url, message: error?.localizedDescription ?? "no response")))
            }
            done.signal()
        }.resume()
        done.wait()
        return try box.get()
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<HTTPResponse, any Error> = .failure(TransportError(url: "", message: "no response"))
    func set(_ r: Result<HTTPResponse, any Error>) { lock.lock(); result = r; lock.unlock() }
    func get() throws -> HTTPResponse { lock.lock(); defer { lock.unlock() }; return try result.get() }
}
