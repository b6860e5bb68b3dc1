import EarshotConnect
import Foundation
import Testing

/// The polite client's waits, against a scripted client (no network, no real sleeping).
struct PoliteTests {
    final class Scripted: HTTPClient, @unchecked Sendable {
        var answers: [HTTPResponse]
        var sent = 0
        init(_ answers: [HTTPResponse]) { self.answers = answers }
        func send(_ request: HTTPRequest) throws -> HTTPResponse {
            sent += 1
            return answers.removeFirst()
        }
    }

    let now = Date(timeIntervalSince1970: 1_795_793_400)
    let url = URL(string: "http://127.0.0.1:9/x")!

    func polite(_ client: Scripted, _ waits: WaitLog) -> Polite {
        let now = self.now
        return Polite(client: client, retries: 3, backoff: 2, maxWait: 120, sleep: { waits.add($0) }, now: { now })
    }

    @Test func retryAfterAsAnHTTPDateAndBackOffOn5xx() throws {
        let client = Scripted([
            HTTPResponse(status: 503, headers: ["Retry-After": "Fri, 27 Nov 2026 15:30:30 GMT"]),
            HTTPResponse(status: 502),
            HTTPResponse(status: 200, body: Data("ok".utf8)),
        ])
        let waits = WaitLog()
        let r = try polite(client, waits).send(HTTPRequest("GET", url))
        #expect(r.status == 200)
        #expect(waits.waits == [30, 4])
    }

    @Test func aSpentAllowanceWaitsForItsResetBeforeTheNextRequest() throws {
        let reset = ISO8601DateFormatter().string(from: now.addingTimeInterval(45))
        let client = Scripted([HTTPResponse(status: 200, headers: ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset])])
        let waits = WaitLog()
        _ = try polite(client, waits).send(HTTPRequest("GET", url))
        #expect(waits.waits == [45])
    }

    @Test func persistent5xxIsAServerErrorAndClientErrorsAreAnswered() throws {
        let failing = Scripted(Array(repeating: HTTPResponse(status: 500), count: 4))
        #expect(throws: FetchError.self) { try polite(failing, WaitLog()).send(HTTPRequest("GET", url)) }
        #expect(failing.sent == 4)
        let notFound = Scripted([HTTPResponse(status: 404)])
        #expect(try polite(notFound, WaitLog()).send(HTTPRequest("GET", url)).status == 404)
    }
}
