import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// `earshot verify`: the first bad line named, whoever changed the files.
@Suite struct VerifyTests {
    /// A store with some history: four events, compacted once, and two after that.
    func storeWithHistory() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        _ = try store.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        _ = try store.apply(Request(.tag(item: "i-2", add: ["printing"], remove: []), by: "ben"), at: Fixture.now)
        _ = try store.apply(Request(.note(item: "i-2", text: "Called facilities"), by: "ben"), at: Fixture.now)
        return temp
    }

    @Test func anUntouchedStoreVerifiesThroughArchiveAndJournal() throws {
        let temp = try storeWithHistory()
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems == [])
        #expect(report.events == 4)
        #expect(report.checkpointsChecked == 1, "compaction signed one")
        #expect(report.notes.contains { $0.contains("events 13–14 come after the newest signed checkpoint (seq 12)") })
    }

    /// Failure 7, naively: two approvals appended with a made-up prev.
    @Test func aForgedApprovalIsNamedByVerify() throws {
        let temp = try storeWithHistory()
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 15),
                        forgedApproval(draft: "d-1", by: "morgan", seq: 16)], recompute: false)
        let report = try ChainCheck(root: temp.root).run()
        #expect(!report.ok)
        #expect(report.problems.first?.hasPrefix("journal.jsonl line 3 (seq 15, by priya) does not chain") == true)
        #expect(report.problems.first?.contains("journal.jsonl line 2 hashes to") == true)
        // fsck runs the same check and does not say ok.
        let fsck = try StoreCheck(root: temp.root).run(repair: false)
        #expect(!fsck.ok)
        #expect(fsck.problems.contains { $0.hasPrefix("journal.jsonl line 3 (seq 15, by priya) does not chain") })
    }

    /// Failure 7, by someone who knows the format: the approvals are slipped in before
    /// the last events and every later "prev" recomputed, so the chain itself holds.
    /// The checkpoint signed before the forgery no longer matches.
    @Test func aForgeryWithTheChainRecomputedBreaksTheSignedCheckpoint() throws {
        let temp = try storeWithHistory()
        let store = try temp.open()
        let signed = try store.checkpoint(now: Fixture.now)
        // Rewrite the journal: two forged approvals, then the two real events renumbered and rechained.
        let real = try temp.rawLines().map { try JSONDecoder.iso().decode(Event.self, from: $0) }
        var prev = try temp.rawLines(temp.archivedEvents).last.map { Chain.hash($0) }!
        var out = Data()
        func add(_ line: String) {
            out.append(Data(line.utf8)); out.append(10)
            prev = Chain.hash(Data(line.utf8))
        }
        add(forgedApproval(draft: "d-1", by: "priya", seq: 13)(prev))
        add(forgedApproval(draft: "d-1", by: "morgan", seq: 14)(prev))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for (offset, var event) in real.enumerated() {
            event.seq = 15 + offset
            event.prev = prev
            add(String(decoding: try encoder.encode(event), as: UTF8.self))
        }
        try out.write(to: temp.journal)

        let report = try ChainCheck(root: temp.root).run()
        #expect(!report.problems.contains { $0.contains("does not chain") }, "the chain was recomputed")
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix("checkpoint checkpoints/\(signed.lastPathComponent), signed") == true)
        #expect(report.problems.first?.contains("journal.jsonl line 2 (seq 14) hashes to") == true)
        #expect(report.problems.first?.contains("rewritten after it was signed") == true)
        // A copy kept off the host says the same, even if the store's own copy is removed.
        let offHost = temp.root.deletingLastPathComponent().appendingPathComponent("offhost-\(UUID().uuidString).json")
        try FileManager.default.copyItem(at: signed, to: offHost)
        defer { try? FileManager.default.removeItem(at: offHost) }
        try FileManager.default.removeItem(at: signed)
        let again = try ChainCheck(root: temp.root).run(extraCheckpoints: [offHost])
        #expect(again.problems.contains { $0.hasPrefix("checkpoint \(offHost.path), signed") })
    }

    /// Appended at the end with the right prev, after the newest checkpoint, forged
    /// lines cannot be told from real ones by the chain: verify says they are unsigned.
    @Test func forgedLinesAfterTheNewestCheckpointAreReportedAsUnsigned() throws {
        let temp = try storeWithHistory()
        _ = try temp.open().checkpoint(now: Fixture.now)
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 15),
                        forgedApproval(draft: "d-1", by: "morgan", seq: 16)], recompute: true)
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.ok)
        #expect(report.notes.contains { $0.contains("events 15–16 come after the newest signed checkpoint (seq 14)") })
    }

    @Test func anEditedOldLineIsNamed() throws {
        let temp = try storeWithHistory()
        try temp.edit(line: 1) { $0.replacingOccurrences(of: "printing", with: "praising") }
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems.first?.hasPrefix("journal.jsonl line 2 (seq 14, by ben) does not chain") == true)
        #expect(report.problems.first?.contains("Either journal.jsonl line 1 was changed after it was written") == true)
    }

    @Test func anEditedArchivedLineIsNamed() throws {
        let temp = try storeWithHistory()
        var lines = try temp.rawLines(temp.archivedEvents).map { String(decoding: $0, as: UTF8.self) }
        lines[0] = lines[0].replacingOccurrences(of: "aisha", with: "elena")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: temp.archivedEvents)
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems.first?.hasPrefix("archive/events.jsonl line 2 (seq 12, by aisha) does not chain") == true)
        #expect(report.problems.first?.contains("archive/events.jsonl line 1 was changed") == true)
    }

    @Test func aCheckpointAlteredAfterSigningOrSignedByAnotherKeyIsRefused() throws {
        let temp = try storeWithHistory()
        let url = try temp.open().checkpoint(now: Fixture.now)
        let text = try String(contentsOf: url, encoding: .utf8)
        // Moving the checkpoint's seq to match a rewritten history breaks its signature.
        try text.replacingOccurrences(of: #""seq" : 14"#, with: #""seq" : 13"#).write(to: url, atomically: true, encoding: .utf8)
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems.contains { $0.contains("has a signature that does not verify") })

        // A checkpoint from another store's key is not this store's.
        let other = try storeWithHistory()
        let foreign = try other.open().checkpoint(now: Fixture.now)
        let mixed = try ChainCheck(root: temp.root).run(extraCheckpoints: [foreign])
        #expect(mixed.problems.contains { $0.contains("signed by a key that is not this store's") })
    }

    @Test func theSigningKeyIsReadableByItsOwnerOnly() throws {
        let temp = try storeWithHistory()
        let key = temp.root.appendingPathComponent("keys/checkpoint.ed25519")
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let dir = try FileManager.default.attributesOfItem(atPath: key.deletingLastPathComponent().path)
        #expect((dir[.posixPermissions] as? Int) == 0o700)
    }

    @Test func theSnapshotsHeadMustMatchTheChain() throws {
        let temp = try storeWithHistory()
        let url = temp.root.appendingPathComponent("snapshot.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let head = try #require(text.range(of: #""head" : "[0-9a-f]{64}""#, options: .regularExpression))
        try text.replacingCharacters(in: head, with: #""head" : "\#(String(repeating: "1", count: 64))""#)
            .write(to: url, atomically: true, encoding: .utf8)
        let report = try ChainCheck(root: temp.root).run()
        #expect(report.problems.contains { $0.hasPrefix("snapshot.json covers seq 12 with head 111111111111…, but archive/events.jsonl line 2 (seq 12) hashes to") })
    }

    @Test func verifyWritesNothing() throws {
        let temp = try storeWithHistory()
        try FileManager.default.removeItem(at: temp.root.appendingPathComponent(".lock"))
        let before = try snapshotOfFiles(temp.root)
        _ = try ChainCheck(root: temp.root).run()
        _ = try StoreCheck(root: temp.root).run(repair: false)
        #expect(try snapshotOfFiles(temp.root) == before)
    }
}

/// Every file under `root` with its bytes and modification time.
func snapshotOfFiles(_ root: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
    for case let url as URL in enumerator {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let data = (try? Data(contentsOf: url)) ?? Data()
        result[url.path] = "\(Chain.hash(data)) \(String(describing: attributes[.modificationDate]))"
    }
    return result
}
