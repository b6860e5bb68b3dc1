import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Separate processes writing one store at once, as several SSH sessions do.
@Suite struct ConcurrencyTests {
    /// `earshot-bench` is built beside the test bundle by `swift test`.
    static func benchBinary() throws -> URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("earshot-bench")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Refusal("test.setup", "earshot-bench not found near \(dir.path); build it with `swift build`")
    }

    @Test func twoProcessesAppending500EachLoseAndDuplicateNothing() throws {
        let temp = try TemporaryStore()
        let bench = try Self.benchBinary()
        let writers = try ["a", "b"].map { prefix -> Process in
            let p = Process()
            p.executableURL = bench
            p.arguments = ["hammer", temp.root.path, prefix, "500"]
            try p.run()
            return p
        }
        for p in writers {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let lines = try temp.journalLines()
        #expect(lines.count == 1000)
        let store = try temp.open()
        #expect(store.warnings.isEmpty)
        #expect(store.workspace.seq == 1010)
        for prefix in ["a", "b"] {
            for i in 0..<500 { #expect(store.workspace.items["\(prefix)-\(i)"] != nil) }
        }
        // Sequence numbers are unique and without gaps: no event lost or written twice.
        let seqs = lines.compactMap { line -> Int? in
            guard let r = line.range(of: #""seq":(\d+)"#, options: .regularExpression) else { return nil }
            return Int(line[r].dropFirst(6))
        }
        #expect(seqs == Array(11...1010))
        // Each writer chained from the line the other had just written: one unbroken chain.
        #expect(try ChainCheck(root: temp.root).run().problems == [])
    }
}
