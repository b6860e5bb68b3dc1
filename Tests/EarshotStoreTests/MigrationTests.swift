import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Version 1 stores (no hash chain) are brought forward by `earshot migrate`, never silently.
@Suite struct MigrationTests {
    /// A store as Earshot 1 left it: compacted once, events after that, one event of a
    /// kind this Earshot does not know; no "prev" anywhere.
    func versionOneStore() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        _ = try store.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        try temp.forge([{ _ in #"{"actor":"priya","at":"2026-11-27T15:41:00Z","change":{"pinned":{"item":"i-2"}},"seq":13}"# }], recompute: true)
        func unchain(_ url: URL) throws {
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: #","prev":"[0-9a-f]{64}""#, with: "", options: .regularExpression)
                .write(to: url, atomically: true, encoding: .utf8)
        }
        try unchain(temp.journal)
        try unchain(temp.archivedEvents)
        for name in ["store.json", "snapshot.json"] {
            let url = temp.root.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
                .replacingOccurrences(of: #""version" : 2"#, with: #""version" : 1"#)
                .replacingOccurrences(of: #"\s*"head" : "[0-9a-f]{64}",?"#, with: "", options: .regularExpression)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.removeItem(at: temp.root.appendingPathComponent("checkpoints"))
        return temp
    }

    @Test func openingAVersionOneStoreSaysToMigrateAndChangesNothing() throws {
        let temp = try versionOneStore()
        let before = try snapshotOfFiles(temp.root)
        do {
            _ = try temp.open()
            Issue.record("a version 1 store must not open as if it were chained")
        } catch {
            #expect("\(error)".contains("earshot migrate"))
        }
        #expect(try snapshotOfFiles(temp.root) == before)
    }

    @Test func migrateChainsEveryLineKeepsBackupsAndRecordsTheStep() throws {
        let temp = try versionOneStore()
        var originals: [String: Data] = [:]
        for name in ["store.json", "snapshot.json", "journal.jsonl", "archive/events.jsonl"] {
            originals[name] = try Data(contentsOf: temp.root.appendingPathComponent(name))
        }
        let unknownLine = try #require(try temp.rawLines().last)

        let outcome = try Migration.run(root: temp.root, actor: "elena", now: Fixture.now)
        #expect(outcome.from == 1 && outcome.to == 2)
        #expect(outcome.events == 3)
        let backup = temp.root.appendingPathComponent(try #require(outcome.backup))
        for (name, data) in originals {
            #expect(try Data(contentsOf: backup.appendingPathComponent(name)) == data, "backup of \(name)")
        }

        let store = try temp.open()
        #expect(store.warnings.isEmpty)
        #expect(store.workspace.items["i-1"]?.status == .handled)
        #expect(store.workspace.items["i-2"]?.assignee == "ben")
        let history = try store.history()
        #expect(history.last?.change == .migrated(from: 1, to: 2, backup: outcome.backup!))
        #expect(history.last?.actor == "elena")
        #expect(history.map(\.change).contains(.unknown(type: "pinned")))
        // The unknown event's own bytes are kept; only "prev" is put in front.
        let migrated = try temp.rawLines()
        #expect(migrated.contains { $0.count > unknownLine.count && $0.suffix(unknownLine.count - 1) == unknownLine.dropFirst() })
        #expect(try ChainCheck(root: temp.root).run().problems == [])
        #expect(try StoreCheck(root: temp.root).run(repair: false).ok)
        // The store works on: new events chain, compaction signs.
        _ = try store.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        #expect(try ChainCheck(root: temp.root).run().problems == [])

        let again = try Migration.run(root: temp.root, actor: "elena", now: Fixture.now)
        #expect(again.backup == nil)
    }

    @Test func fsckAndVerifyOnAVersionOneStoreSayToMigrate() throws {
        let temp = try versionOneStore()
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(report.problems.contains { $0.contains("earshot migrate") })
    }

    @Test func aDamagedLineStopsTheMigrationBeforeAnythingIsWritten() throws {
        let temp = try versionOneStore()
        try temp.edit(line: 1) { String($0.dropLast(3)) }
        let before = try snapshotOfFiles(temp.root)
        #expect(throws: StoreError.self) { try Migration.run(root: temp.root, actor: "elena", now: Fixture.now) }
        #expect(try snapshotOfFiles(temp.root) == before)
    }
}
