import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

@Suite struct CompactionTests {
    /// A workspace with one closed item old enough to archive.
    func workspaceWithOldItem() -> Workspace {
        var ws = Fixture.workspace()
        var old = Fixture.item("i-old", text: "Thanks for the help in October", ago: Fixture.days(45), status: .handled)
        old.changedAt = Fixture.now.addingTimeInterval(-Fixture.days(44))
        ws.items[old.id] = old
        return ws
    }

    @Test func compactionKeepsStateEmptiesTheJournalAndArchivesOldClosedItems() throws {
        let temp = try TemporaryStore(workspaceWithOldItem())
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        #expect(try temp.journalLines().isEmpty)
        #expect(store.workspace.items["i-old"] == nil)
        #expect(store.workspace.items["i-1"]?.status == .handled)

        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(reopened.workspace.items["i-old"] == nil)
        #expect(reopened.workspace.seq == 11)
        let archive = Archive(files: reopened.files)
        #expect(archive.months() == ["2026-10"])
        #expect(try archive.items(month: "2026-10").map(\.id) == ["i-old"])
        // Sequence numbers go on after a compaction.
        let next = try reopened.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(try next.get().seq == 12)
    }

    @Test func theArchiveIsNotReadAtStartUp() throws {
        let temp = try TemporaryStore(workspaceWithOldItem())
        try temp.open().compact(now: Fixture.now)
        // Make the archive unreadable garbage: opening must not notice.
        let file = temp.root.appendingPathComponent("archive/2026-10.jsonl")
        try Data("garbage that is not json\n".utf8).write(to: file)
        let store = try temp.open()
        #expect(store.warnings.isEmpty)
        #expect(store.workspace.items.count == 4)
        // Reading it on demand reports the problem, naming the file.
        #expect(throws: StoreError.malformed(file: "archive/2026-10.jsonl", line: 1, detail: "not valid JSON")) {
            _ = try Archive(files: store.files).items(month: "2026-10")
        } 
    }

    @Test func aSessionFollowsTheStoreAcrossAnotherSessionsCompaction() throws {
        let temp = try TemporaryStore()
        let follower = try temp.open()
        let writer = try temp.open()
        _ = try writer.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try writer.compact(now: Fixture.now)
        _ = try writer.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        try follower.refresh()
        #expect(follower.workspace.items["i-1"]?.status == .handled)
        #expect(follower.workspace.items["i-2"]?.assignee == "ben")
        #expect(follower.workspace.seq == 12)
    }

    @Test func aCrashBetweenSnapshotAndJournalReplayDoesNotApplyTwice() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.tag(item: "i-1", add: ["events"], remove: []), by: "aisha", basedOn: 1), at: Fixture.now)
        let journal = try Data(contentsOf: temp.journal)
        try store.compact(now: Fixture.now)
        // Simulate the crash: the new snapshot landed, the old journal is still there.
        try journal.write(to: temp.journal)
        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.tags == ["events"])
        #expect(reopened.workspace.seq == 11)
    }

    // Issue 12: an archived comment turned a pending reply into a top-level post.
    @Test func anItemAPendingReplyAnswersIsNeverArchived() throws {
        var ws = workspaceWithOldItem()
        var reply = Fixture.draft("d-r", author: "aisha", state: .submitted, text: "Glad it helped!", channels: [.facebook])
        reply.inReplyTo = "i-old"
        ws.drafts[reply.id] = reply
        let temp = try TemporaryStore(ws)
        let store = try temp.open()
        try store.compact(now: Fixture.now)
        #expect(store.workspace.items["i-old"] != nil)
        #expect(try temp.open().workspace.items["i-old"] != nil)
    }
}

@Suite struct CompactionSafetyTests {
    /// Also-list: with snapshot.json gone, the next compaction wrote a snapshot
    /// without the old items, and they were lost for good.
    @Test func compactionRefusesAStoreWithoutItsSnapshot() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let snapshot = temp.root.appendingPathComponent("snapshot.json")
        let saved = try Data(contentsOf: snapshot)
        try FileManager.default.removeItem(at: snapshot)
        let store = try temp.open()
        #expect(throws: StoreError.self) { try store.compact(now: Fixture.now) }
        #expect(!FileManager.default.fileExists(atPath: snapshot.path))
        #expect(try temp.journalLines().count == 1, "the journal was not emptied")
        // Restored from a backup, nothing is lost.
        try saved.write(to: snapshot)
        let restored = try temp.open()
        #expect(restored.workspace.items.count == 4)
        #expect(restored.workspace.items["i-1"]?.status == .handled)
    }

    @Test func compactionRefusesAJournalThatDoesNotChain() throws {
        let temp = try TemporaryStore()
        _ = try temp.open().apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 12)], recompute: false)
        #expect(throws: StoreError.self) { try temp.open().compact(now: Fixture.now) }
        #expect(try temp.journalLines().count == 2)
    }

    @Test func aCompactionCutShortIsNotArchivedTwiceAndTheChainGoesOn() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.tag(item: "i-1", add: ["events"], remove: []), by: "aisha", basedOn: 1), at: Fixture.now)
        let journal = try Data(contentsOf: temp.journal)
        try store.compact(now: Fixture.now)
        // The crash: the archive and snapshot were written, the journal not yet emptied.
        try journal.write(to: temp.journal)
        let reopened = try temp.open()
        _ = try reopened.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(try ChainCheck(root: temp.root).run().problems == [])
        try reopened.compact(now: Fixture.now)
        #expect(try temp.rawLines(temp.archivedEvents).count == 2)
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems == [])
        #expect(report.events == 2)
    }

    @Test func aCompactionCutShortBeforeItsSnapshotIsNotArchivedTwice() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.tag(item: "i-1", add: ["events"], remove: []), by: "aisha", basedOn: 1), at: Fixture.now)
        let snapshot = temp.root.appendingPathComponent("snapshot.json")
        let (journal, oldSnapshot) = (try Data(contentsOf: temp.journal), try Data(contentsOf: snapshot))
        try store.compact(now: Fixture.now)
        // The crash: only the archive was written.
        try journal.write(to: temp.journal)
        try oldSnapshot.write(to: snapshot)
        let reopened = try temp.open()
        _ = try reopened.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try reopened.compact(now: Fixture.now)
        #expect(try temp.rawLines(temp.archivedEvents).count == 2)
        #expect(try ChainCheck(root: temp.root).run().problems == [])
        #expect(try temp.open().workspace.items["i-2"]?.status == .handled)
    }
}
