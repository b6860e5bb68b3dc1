import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StoreCheckTests {
    @Test func aHealthyStoreHasNoProblems() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(report.ok)
        #expect(report.events == 1)
    }

    @Test func repairMovesDamagedLinesAsideWithTheirNumbersAndKeepsEveryGoodEvent() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let handle = try FileHandle(forWritingTo: temp.journal)
        handle.seekToEndOfFile()
        handle.write(Data("garbage from a bad disk\n".utf8))
        handle.write(Data(#"{"torn"#.utf8))
        try handle.close()

        let check = try StoreCheck(root: temp.root).run(repair: false)
        #expect(check.problems.count == 2)
        #expect(check.problems[0] == "journal.jsonl line 2 is not a valid event")
        #expect(check.problems[1].hasPrefix("journal.jsonl line 3 is incomplete"))
        #expect(check.repairs.isEmpty)
        #expect(throws: StoreError.self) { try temp.open() }

        let repaired = try StoreCheck(root: temp.root).run(repair: true)
        #expect(repaired.repairs == ["moved journal.jsonl line(s) 2, 3 to journal.rejected; every other line was kept"])
        #expect(repaired.ok)
        let rejected = try String(contentsOf: temp.root.appendingPathComponent("journal.rejected"), encoding: .utf8)
        #expect(rejected.contains("# journal.jsonl line 2: not a valid event"))
        #expect(rejected.contains("garbage from a bad disk"))
        #expect(rejected.contains("# journal.jsonl line 3: incomplete"))
        #expect(rejected.contains(#"{"torn"#))
        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(try StoreCheck(root: temp.root).run(repair: false).ok)
    }

    /// Also-list: repair on a damaged line that created a draft left later events
    /// pointing at nothing, then said "ok".
    @Test func eventsLeftPointingAtADraftThatIsGoneAreReportedNotOk() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.createDraft(id: "d-9", channels: [.facebook], text: "Board games night on Friday", inReplyTo: nil), by: "aisha"), at: Fixture.now)
        _ = try store.apply(Request(.submit(draft: "d-9"), by: "aisha"), at: Fixture.now)
        try temp.edit(line: 1) { "X" + $0.dropFirst() }

        let repaired = try StoreCheck(root: temp.root).run(repair: true)
        #expect(repaired.repairs.first?.hasPrefix("moved journal.jsonl line(s) 1 to journal.rejected") == true)
        #expect(!repaired.ok)
        let after = try StoreCheck(root: temp.root).run(repair: false)
        #expect(!after.ok)
        #expect(after.problems.contains("journal.jsonl line 1 (seq 12) refers to draft d-9, which does not exist (the line that created it is damaged, set aside or missing)"))
        #expect(try String(contentsOf: temp.root.appendingPathComponent("journal.rejected"), encoding: .utf8).contains("Board games night"))
    }

    /// Also-list: repair read the journal, then took the lock, then wrote back the
    /// earlier read, erasing what a writer appended in between.
    @Test func repairReadsTheJournalOnlyOnceItHoldsTheLock() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let handle = try FileHandle(forWritingTo: temp.journal)
        handle.seekToEndOfFile()
        handle.write(Data("garbage from a bad disk\n".utf8))
        try handle.close()

        // A writer holds the lock while fsck --repair starts.
        let lockFD = open(temp.root.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(lockFD >= 0)
        defer { close(lockFD) }
        #expect(flock(lockFD, LOCK_EX) == 0)
        let done = DispatchSemaphore(value: 0)
        let root = temp.root
        let started = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            started.signal()
            _ = try? StoreCheck(root: root).run(repair: true)
            done.signal()
        }
        started.wait()
        usleep(300_000)  // let fsck get as far as it can before the writer appends
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 12)], recompute: true)
        flock(lockFD, LOCK_UN)
        done.wait()
        let journal = try String(contentsOf: temp.journal, encoding: .utf8)
        #expect(journal.contains(#""seq":12"#), "the line appended under the lock is still there")
        #expect(!journal.contains("garbage"))
    }

    /// Also-list: a missing snapshot.json went unnoticed.
    @Test func aMissingSnapshotIsReportedWhenTheJournalDoesNotStartAtOne() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try FileManager.default.removeItem(at: temp.root.appendingPathComponent("snapshot.json"))
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(!report.ok)
        #expect(report.problems.contains { $0.hasPrefix("snapshot.json is missing, and the recorded history starts at seq 11") })
    }

    @Test func aSequenceGapIsReported() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 14)], recompute: true)
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(report.problems == ["journal.jsonl line 2 jumps from 11 to seq 14: events 12–13 are missing"])
    }

    @Test func aBrokenConfigIsReportedWithItsFile() throws {
        let temp = try TemporaryStore()
        try Data("{ nope".utf8).write(to: temp.root.appendingPathComponent("store.json"))
        let report = try StoreCheck(root: temp.root).run(repair: true)
        #expect(report.problems.first?.hasPrefix("store.json line 1") == true)
    }

    /// A mistyped channel in draftChannels stopped the whole store opening.
    @Test func aTypoInASettingIsReportedWithItsPathAndTheStoreStillOpens() throws {
        let temp = try TemporaryStore()
        let url = temp.root.appendingPathComponent("store.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        object["draftChannels"] = ["staff": ["facebook", "tiktok"]]
        try JSONSerialization.data(withJSONObject: object).write(to: url)

        let store = try temp.open()
        #expect(store.warnings.contains { $0.hasPrefix("store.json: the setting at draftChannels.staff[1] is ignored") })
        let aisha = try #require(store.workspace.member("aisha"))
        #expect(store.workspace.config.channelsAllowed(for: aisha) == [.facebook], "the rest of the setting still applies")
        let report = try StoreCheck(root: temp.root).run(repair: false)
        #expect(report.problems.contains { $0.contains("draftChannels.staff[1]") })
    }
}
