import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Failure 8 of issue 12: Earshot sets every mode itself, whatever the umask. A store
/// whose directory is group-writable is shared: directories setgid and group-writable,
/// files 0660, each person's unsent reply 0600. A private store keeps everything 0600.
/// Serialized: the umask belongs to the whole process.
@Suite(.serialized) struct FileModeTests {
    /// Runs `body` with the process umask set to `mask`, then puts it back.
    func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
        let old = umask(mask)
        defer { umask(old) }
        return try body()
    }

    func mode(_ url: URL) -> mode_t {
        var st = stat()
        lstat(url.path, &st)
        return st.st_mode & 0o7777
    }

    /// Every file and directory below `root`, relative path → mode.
    func modes(under root: URL) -> [String: mode_t] {
        var result: [String: mode_t] = [:]
        let names = FileManager.default.subpaths(atPath: root.path) ?? []
        for name in names { result[name] = mode(root.appendingPathComponent(name)) }
        return result
    }

    /// A store made in a directory of mode `rootMode`, then used the way a session
    /// uses it: an event, an unsent reply, presence, a published post, a compaction.
    func usedStore(rootMode: mode_t) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        chmod(root.path, rootMode)
        try StoreSetup.create(at: root, from: Fixture.workspace())
        let store = try Store(at: root)
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.saveWorkInProgress(WorkInProgress(login: "aisha", item: "i-2", text: "half", cursor: 4, startedAt: Fixture.now, savedAt: Fixture.now))
        try store.publish(Presence(login: "aisha", session: "h:1", item: nil, replying: false, updatedAt: Fixture.now))
        try store.compact(now: Fixture.now)
        _ = try store.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: store.workspace.seq), at: Fixture.now)
        return root
    }

    @Test(arguments: [mode_t(0o022), mode_t(0o002)])
    func aSharedStoreIsGroupWritableAndUnsentRepliesArePrivate(umaskValue: mode_t) throws {
        let root = try withUmask(umaskValue) { try usedStore(rootMode: 0o2770) }
        defer { try? FileManager.default.removeItem(at: root) }
        let found = modes(under: root)
        #expect(found[".lock"] == 0o660, ".lock is made by init, shared with the group")
        for name in ["store.json", "staff.json", "snapshot.json", "journal.jsonl", "archive/events.jsonl", "sessions/h_1.json", ".lock-holder"] {
            #expect(found[name] == 0o660, "\(name) is \(String(found[name] ?? 0, radix: 8))")
        }
        #expect(found["wip/aisha.json"] == 0o600)
        for dir in ["archive", "outbox"] {
            #expect(found[dir] == 0o2770, "\(dir)/ is \(String(found[dir] ?? 0, radix: 8))")
        }
        // Sticky too: a group member cannot replace someone else's file in these.
        for dir in ["wip", "sessions"] {
            #expect(found[dir] == 0o3770, "\(dir)/ is \(String(found[dir] ?? 0, radix: 8))")
        }
        #expect(found.keys.filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func aPrivateStoreKeepsEveryFileToItsOwner() throws {
        let root = try withUmask(0o022) { try usedStore(rootMode: 0o700) }
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, mode) in modes(under: root) {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDir)
            #expect(mode == (isDir.boolValue ? 0o700 : 0o600), "\(name) is \(String(mode, radix: 8))")
        }
    }

    @Test func aFileFixedByHandStaysFixedAfterACompaction() throws {
        let root = try withUmask(0o022) { try usedStore(rootMode: 0o2770) }
        defer { try? FileManager.default.removeItem(at: root) }
        let snapshot = root.appendingPathComponent("snapshot.json")
        chmod(snapshot.path, 0o644)
        try withUmask(0o022) { try Store(at: root).compact(now: Fixture.now) }
        #expect(mode(snapshot) == 0o660)
        #expect(mode(root.appendingPathComponent("journal.jsonl")) == 0o660)
    }
}
