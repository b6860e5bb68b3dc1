import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// `earshot-bench ingest [N]`: items per second for `receive` and for each fetcher
/// against the local test servers (Tests/servers), each into an empty store.
@MainActor
enum IngestBench {
    nonisolated static let servers = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/servers")

    static func run(count n: Int) {
        print("earshot-bench ingest: \(n) items into an empty store each time (one run; release build recommended)")
        print("source                     items   seconds   items/s")
        do {
            let lines = (0..<n).map { i in
                #"{"channel":"mastodon","id":"b\#(i)","handle":"@reader\#(i % 500)@example.social","name":"Reader","text":"Comment \#(i) about the Quayside branch and its hours","time":"2026-11-20T09:00:00Z"\#(i % 5 == 4 ? #","inReplyTo":"b\#(i - 1)""# : "")}"#
            }.joined(separator: "\n")
            try measure("receive (JSON Lines)", expected: n) { store in
                let (arrivals, _) = JSONLines.parse(Data(lines.utf8))
                _ = try Ingestor(store: store, actor: "receive").take(arrivals)
            }
            let server = try Server("platforms.py", ["--items", String(n)])
            defer { server.stop() }
            let token = Data("test-token-0123456789abcdef".utf8)
            let accounts: [(Account, Data?)] = [
                (Account(name: "bluesky", platform: .bluesky, instance: server.base, login: "library.bsky.social"), Data("abcd-efgh-ijkl-mnop".utf8)),
                (Account(name: "wordpress", platform: .wordpress, instance: server.base, login: "editor"), Data("wp-app-pass".utf8)),
                (Account(name: "rss", platform: .feed, instance: server.base + "/feed.xml"), nil),
                (Account(name: "atom", platform: .feed, instance: server.base + "/atom.xml"), nil),
                (Account(name: "facebook", platform: .facebook, instance: server.base + "/v21.0", login: "1000"), token),
                (Account(name: "x", platform: .x, instance: server.base, login: "2000"), token),
            ]
            for (account, secret) in accounts {
                try measure("fetch \(account.name)", expected: n) { store in
                    try AccountBook(files: store.files).add(account, secret: secret)
                    if account.platform == .bluesky {
                        // Not a first run (which reads only the latest 20 pages): page back to the start.
                        var state = FetchState()
                        state.cursor = "2000-01-01T00:00:00.000Z"
                        try state.save(store.files, account: account.name)
                    }
                    let outcome = FetchRunner(store: store, http: Polite(client: URLSessionClient())).run(account)
                    if let error = outcome.error { throw error }
                }
            }
            server.stop()
            let mentions = min(n, 2_000)
            let mastodon = try Server("mastodon.py", ["--mentions", String(mentions)])
            defer { mastodon.stop() }
            try measure("fetch mastodon (mock)", expected: mentions + 1) { store in
                let account = Account(name: "mastodon", platform: .mastodon, instance: mastodon.base, login: "alice")
                try AccountBook(files: store.files).add(account, secret: Data("alice_token".utf8))
                let outcome = FetchRunner(store: store, http: Polite(client: URLSessionClient())).run(account)
                if let error = outcome.error { throw error }
            }
        } catch {
            print("failed: \(error)")
        }
    }

    static func measure(_ name: String, expected: Int, _ body: (Store) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-bench-ingest-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        var ws = Generator.workspace(items: 0)
        ws.staff.append(StaffMember(login: "bench", name: "Bench", role: .admin))
        try StoreSetup.create(at: root, from: ws)
        let store = try Store(at: root)
        let start = DispatchTime.now()
        try body(store)
        let seconds = Bench.seconds(since: start)
        let count = store.workspace.items.count
        guard count >= expected else { throw AccountError("\(name): \(count) items, expected \(expected)") }
        print(Bench.pad(name, 25) + Bench.pad(String(count), 8) + Bench.pad(String(format: "%.2f", seconds), 10)
              + String(format: "%.0f", Double(count) / seconds))
    }

    /// A test server from Tests/servers, stopped by `stop()`.
    final class Server {
        let process = Process()
        let base: String

        init(_ script: String, _ arguments: [String]) throws {
            let out = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", IngestBench.servers.appendingPathComponent(script).path] + arguments
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while true {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line += byte
            }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw AccountError("\(script) did not start")
            }
            base = "http://127.0.0.1:\(port)"
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            for _ in 0..<50 where process.isRunning { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}
