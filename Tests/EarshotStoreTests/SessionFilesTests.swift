import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Unsent replies and presence: the files beside the journal.
@Suite struct SessionFilesTests {
    @Test func anUnsentReplySurvivesReopening() throws {
        let temp = try TemporaryStore()
        let wip = WorkInProgress(login: "aisha", item: "i-1", text: "Half a reply — 日本 📚", cursor: 5, startedAt: Fixture.now, savedAt: Fixture.now)
        try temp.open().saveWorkInProgress(wip)
        let reopened = try temp.open()
        #expect(try reopened.workInProgress(for: "aisha") == wip)
        #expect(try reopened.workInProgress(for: "ben") == nil)
        reopened.clearWorkInProgress(for: "aisha")
        #expect(try reopened.workInProgress(for: "aisha") == nil)
    }

    @Test func aDamagedUnsentReplyIsReportedNotDeleted() throws {
        let temp = try TemporaryStore()
        let dir = temp.root.appendingPathComponent("wip")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{ broken".utf8).write(to: dir.appendingPathComponent("aisha.json"))
        #expect(throws: StoreError.self) { try temp.open().workInProgress(for: "aisha") }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("aisha.json").path))
    }

    @Test func presenceShowsOtherLiveSessionsOnly() throws {
        let temp = try TemporaryStore()
        let a = try temp.open()
        let b = try temp.open()
        let now = Date()
        try a.publish(Presence(login: "aisha", session: "h:1", item: "i-1", replying: true, updatedAt: now))
        try b.publish(Presence(login: "ben", session: "h:2", item: "i-2", replying: false, updatedAt: now))
        // A session whose process ended without withdrawing: its lock went with it.
        do {
            let gone = try temp.open()
            try gone.publish(Presence(login: "gone", session: "h:3", item: "i-3", replying: false, updatedAt: now))
            withExtendedLifetime(gone) {
                #expect(b.presences(excluding: "h:2", now: now).map(\.login) == ["aisha", "gone"], "alive while its store is open")
            }
        }
        // A file nobody holds (left by a killed session, or written by hand) counts for nothing.
        let sessions = temp.root.appendingPathComponent("sessions")
        try Data(#"{"login":"ghost","session":"h:4","replying":false,"updatedAt":"2026-11-29T09:00:00Z"}"#.utf8)
            .write(to: sessions.appendingPathComponent("h_4.json"))
        let seenByB = b.presences(excluding: "h:2", now: now)
        #expect(seenByB.map(\.login) == ["aisha"])
        #expect(seenByB.first?.replying == true)
        a.withdraw(session: "h:1")
        #expect(b.presences(excluding: "h:2", now: now).isEmpty)
    }

    @Test func anIdleSessionStaysPresentWithoutWritingAgain() throws {
        let temp = try TemporaryStore()
        let a = try temp.open()
        try a.publish(Presence(login: "aisha", session: "h:1", item: "i-1", replying: false, updatedAt: Fixture.now))
        // Long after it was written: no heartbeat, the lock alone says it is alive.
        let later = Fixture.now.addingTimeInterval(3_600)
        #expect(try temp.open().presences(excluding: "h:9", now: later).map(\.login) == ["aisha"])
    }
}
