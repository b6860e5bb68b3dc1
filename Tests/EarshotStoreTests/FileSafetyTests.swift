import EarshotCore
@testable import EarshotStore
import Foundation
import TestSupport
import Testing

/// Failure 8 of issue 12: a group member plants a symlink where Earshot used to put
/// its temporary file (`.NAME.<pid>.tmp`, `NAME.json.tmp`), pointing at a file of the
/// person who runs Earshot. Writing the store must never write through it.
@Suite struct SymlinkTests {
    /// A file only its owner may read, outside the store: what the attacker aims at.
    final class Victim {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-victim-\(UUID().uuidString)")
        var file: URL { dir.appendingPathComponent("private.txt") }
        let secret: Data

        init(_ contents: String = "the victim's own file\n") throws {
            secret = Data(contents.utf8)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try secret.write(to: file)
            chmod(file.path, 0o600)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        /// Plants `name` in `directory` as a symlink to the victim's file.
        func plant(_ name: String, in directory: URL) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: directory.appendingPathComponent(name).path, withDestinationPath: file.path)
        }

        var untouched: Bool { (try? Data(contentsOf: file)) == secret }
    }

    @Test func anOutboxFileIsNotWrittenThroughAPlantedTempSymlink() throws {
        let temp = try TemporaryStore()
        let victim = try Victim()
        let outbox = temp.root.appendingPathComponent("outbox")
        try victim.plant(".d-0006.facebook.json.\(getpid()).tmp", in: outbox)
        let post = outbox.appendingPathComponent("d-0006.facebook.json")
        #expect(try DurableIO.createOnce(post, with: Data("{\"post\":1}\n".utf8)))
        #expect(victim.untouched)
        #expect(try Data(contentsOf: post) == Data("{\"post\":1}\n".utf8))
    }

    @Test func aSnapshotReplaceIsNotWrittenThroughAPlantedTempSymlink() throws {
        let temp = try TemporaryStore()
        let victim = try Victim()
        try victim.plant(".snapshot.json.\(getpid()).tmp", in: temp.root)
        let store = try temp.open()
        try store.compact(now: Fixture.now)
        #expect(victim.untouched)
        #expect(try temp.open().workspace.items.count == store.workspace.items.count)
    }

    @Test func anUnsentReplyIsNotWrittenThroughAPlantedTempSymlink() throws {
        let temp = try TemporaryStore()
        let victim = try Victim()
        try victim.plant(".aisha.json.\(getpid()).tmp", in: temp.root.appendingPathComponent("wip"))
        let wip = WorkInProgress(login: "aisha", item: "i-1", text: "half", cursor: 4, startedAt: Fixture.now, savedAt: Fixture.now)
        try temp.open().saveWorkInProgress(wip)
        #expect(victim.untouched)
        #expect(try temp.open().workInProgress(for: "aisha") == wip)
    }

    @Test func presenceIsNotWrittenThroughAPlantedTempSymlink() throws {
        let temp = try TemporaryStore()
        let victim = try Victim()
        try victim.plant("h_1.json.tmp", in: temp.root.appendingPathComponent("sessions"))
        let store = try temp.open()
        try store.publish(Presence(login: "aisha", session: "h:1", item: nil, replying: false, updatedAt: Date()))
        #expect(victim.untouched)
        #expect(try temp.open().presences(excluding: "other", now: Date()).map(\.login) == ["aisha"])
    }

    @Test func aJournalReplacedByASymlinkIsNotAppendedThrough() throws {
        let temp = try TemporaryStore()
        // Empty, so that it reads as a journal with no events, and only the append could touch it.
        let victim = try Victim("")
        let store = try temp.open()
        try FileManager.default.removeItem(at: temp.journal)
        try FileManager.default.createSymbolicLink(atPath: temp.journal.path, withDestinationPath: victim.file.path)
        _ = try? store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(victim.untouched)
    }

    @Test func aStoreSubdirectoryThatIsASymlinkIsRefused() throws {
        let temp = try TemporaryStore()
        let victim = try Victim()
        try? FileManager.default.removeItem(at: temp.root.appendingPathComponent("outbox"))
        try FileManager.default.createSymbolicLink(
            atPath: temp.root.appendingPathComponent("outbox").path, withDestinationPath: victim.dir.path)
        #expect(throws: StoreError.self) {
            try DurableIO.createOnce(temp.root.appendingPathComponent("outbox/d-1.x.json"), with: Data("x".utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: victim.dir.appendingPathComponent("d-1.x.json").path))
    }
}
