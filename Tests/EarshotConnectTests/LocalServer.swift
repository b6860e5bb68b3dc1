import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation
import TestSupport

/// A Python test server from Tests/servers on 127.0.0.1, started for one test and
/// terminated when the test lets go of it (also when the test fails).
final class LocalServer {
    let process = Process()
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("servers")

    init(_ script: String, _ arguments: [String] = []) throws {
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", LocalServer.directory.appendingPathComponent(script).path] + arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the port; EOF means the server could not start.
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            process.waitUntilExit()
            throw AccountError("\(script) did not start (is its Python package installed? see .ci/run)")
        }
        self.port = port
    }

    deinit {
        guard process.isRunning else { return }
        process.terminate()
        // A child can inherit a blocked SIGTERM from the runner's threads: then SIGKILL.
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// POST to a /_control/ endpoint.
    @discardableResult
    func control(_ what: String, _ body: [String: Any] = [:]) throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: body)
        let r = try URLSessionClient().send(HTTPRequest(
            what == "log" ? "GET" : "POST", URL(string: "\(base)/_control/\(what)")!,
            headers: ["Content-Type": "application/json"], body: what == "log" ? nil : data))
        return (try JSONSerialization.jsonObject(with: r.body) as? [String: Any]) ?? [:]
    }

    func log() throws -> [String] { try control("log")["log"] as? [String] ?? [] }
}

/// A fresh store with staff and branches, and an account book, in a temporary directory.
struct TestStore {
    let root: URL
    let store: Store
    var book: AccountBook { AccountBook(files: store.files) }

    init(rules: [ArrivalRule] = [], config base: StoreConfig = Fixture.config()) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-connect-\(UUID().uuidString.prefix(8))")
        var config = base
        config.branches.append(Branch(id: "quayside", name: "Quayside Library"))
        config.arrivalRules = rules.isEmpty ? nil : rules
        try StoreSetup.create(at: root, from: Workspace(config: config, staff: Fixture.staff))
        store = try Store(at: root)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Waits are recorded, not slept, so tests stay fast.
    func runner(waits: WaitLog = WaitLog()) -> FetchRunner {
        FetchRunner(store: store, http: Polite(client: URLSessionClient(timeout: 20), backoff: 0.01, maxWait: 5,
                                               sleep: { waits.add($0) }))
    }

    var items: [InboxItem] { Array(store.workspace.items.values) }
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [TimeInterval] = []
    func add(_ t: TimeInterval) { lock.lock(); list.append(t); lock.unlock() }
    var waits: [TimeInterval] { lock.lock(); defer { lock.unlock() }; return list }
}
