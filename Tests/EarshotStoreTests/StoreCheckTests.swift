import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

@Suite struct StoreCheckTests {
    @Test func aHealthyStoreHasNoProblems() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(report.ok)
        #expect(report.events == 1)
    }

    @Test func repairMovesDamagedLinesAsideAndKeepsEveryGoodEvent() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        var text = try String(contentsOf: temp.journal, encoding: .utf8)
        text += "garbage in the middle\n"
        try text.write(to: temp.journal, atomically: true, encoding: .utf8)
        _ = try? store.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        // The line after the garbage was written by hand, as a restored backup might be.
        let handle = try FileHandle(forWritingTo: temp.journal)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"actor":"ben","at":"2026-11-27T15:30:00Z","change":{"assigned":{"item":"i-2","to":"ben"}},"seq":12}"#.utf8 + [10]))
        handle.write(Data(#"{"torn"#.utf8))
        try handle.close()

        let check = try StoreCheck(root: temp.root).run(repair: false)
        #expect(check.problems.count == 2)
        #expect(check.problems[0] == "journal.jsonl line 2 is not a valid event")
        #expect(check.problems[1].hasPrefix("journal.jsonl line 4 is incomplete"))
        #expect(check.repairs.isEmpty)
        #expect(throws: StoreError.self) { try temp.open() }

        let repaired = try StoreCheck(root: temp.root).run(repair: true)
        #expect(repaired.repairs.count == 1)
        let rejected = try String(contentsOf: temp.root.appendingPathComponent("journal.rejected"), encoding: .utf8)
        #expect(rejected.contains("garbage in the middle"))
        #expect(rejected.contains(#"{"torn"#))
        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(reopened.workspace.items["i-2"]?.assignee == "ben")
        #expect(try StoreCheck(root: temp.root).run(repair: false).ok)
    }

    @Test func aBrokenConfigIsReportedWithItsFile() throws {
        let temp = try TemporaryStore()
        try Data("{ nope".utf8).write(to: temp.root.appendingPathComponent("store.json"))
        let report = try StoreCheck(root: temp.root).run(repair: true)
        #expect(report.problems.first?.hasPrefix("store.json line 1") == true)
    }
}
