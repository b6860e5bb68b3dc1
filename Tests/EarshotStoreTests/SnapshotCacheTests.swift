@testable import EarshotCore
@testable import EarshotStore
import Foundation
import TestSupport
import Testing

/// `cache/snapshot.bin` (issue 13, goal 1): it must give exactly what snapshot.json
/// gives, and a stale or damaged cache must be noticed, never used, and rewritten.
/// The JSON stays the truth: every test compares against a read that ignores the cache.
@Suite struct SnapshotCacheTests {
    // MARK: Helpers

    /// The base as the console reads it (cache allowed, written when missing).
    func readBase(_ root: URL, _ use: SnapshotCache.Use = .readWrite) throws -> Store.Base {
        try Store.readBase(StoreFiles(root: root), cache: use)
    }

    /// What snapshot.json alone says.
    func truth(_ root: URL) throws -> Workspace {
        try Store.readBase(StoreFiles(root: root), cache: .ignore).workspace
    }

    func cacheURL(_ root: URL) -> URL { SnapshotCache.url(StoreFiles(root: root)) }

    /// What `load` makes of the cache as it is now, for snapshot.json as it is now.
    func cacheState(_ root: URL) throws -> SnapshotCache.Outcome {
        let fd = open(root.appendingPathComponent("snapshot.json").path, O_RDONLY)
        defer { close(fd) }
        let identity = try #require(SnapshotCache.Identity.of(fd: fd))
        return SnapshotCache.load(StoreFiles(root: root), for: identity).1
    }

    func isDamagedOrStale(_ outcome: SnapshotCache.Outcome) -> Bool {
        switch outcome {
        case .damaged, .stale: true
        default: false
        }
    }

    /// A store whose cache has been written by a first open and used by a second.
    func warmStore(_ workspace: Workspace = Fixture.workspace()) throws -> TemporaryStore {
        let temp = try TemporaryStore(workspace)
        #expect(try readBase(temp.root).cache == .absent)
        #expect(try readBase(temp.root).cache == .used)
        return temp
    }

    // MARK: Round trips

    @Test func theCodecCoversEveryStoredField() {
        // A field added to a model type without the codec: the cache turns itself off.
        #expect(BinarySchema.isComplete, "the binary codec does not match the model:\n\(BinarySchema.found)")
    }

    @Test func theChecksumIsXXH64() {
        // Reference values from libxxhash 0.8 (XXH64, seed 0).
        #expect(WordHash.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
        #expect(WordHash.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(WordHash.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(WordHash.hash(Array("0123456789abcdef0123456789abcdef0123456789abcdefXYZ!".utf8)) == 0xF1A8_DDCB_F1E0_1344)
        let long = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } } + Array("tail1".utf8)
        #expect(WordHash.hash(long) == 0x7A71_E90C_16C8_3CAB)
    }

    @Test func theDemoSeedReadsTheSameFromTheCache() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds/demo").standardized
        // A copy: nothing is ever written into seeds/demo.
        let copy = try DemoCopy.make(from: seed)
        defer { try? FileManager.default.removeItem(at: copy) }
        let first = try readBase(copy)
        #expect(first.cache == .absent)
        let second = try readBase(copy)
        #expect(second.cache == .used)
        let json = try truth(copy)
        #expect(second.workspace == json)
        #expect(second.head == first.head)
        #expect(!json.items.isEmpty && !json.drafts.isEmpty && !json.ledger.arrivals.isEmpty)
    }

    @Test func aDemoCopyDoesNotTakeTheSeedsCache() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds/demo").standardized
        // A seed of our own that a session opened by path (so it has a cache); seeds/demo is never written.
        let mySeed = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-seed-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: seed, to: mySeed)
        defer { try? FileManager.default.removeItem(at: mySeed) }
        _ = try readBase(mySeed)
        #expect(FileManager.default.fileExists(atPath: cacheURL(mySeed).path))
        let copy = try DemoCopy.make(from: mySeed)
        defer { try? FileManager.default.removeItem(at: copy) }
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("cache").path))
    }

    @Test(arguments: [1, 2, 3, 4])
    func generatedStoresReadTheSameFromTheCache(seed: UInt64) throws {
        let workspace = RandomWorkspace.make(seed: seed, items: 300, wholeSeconds: true)
        let temp = try warmStore(workspace)
        let cached = try readBase(temp.root)
        #expect(cached.cache == .used)
        let json = try truth(temp.root)
        #expect(cached.workspace == json)
        // The generator really exercised the awkward cases.
        #expect(json.items.values.contains { $0.text.utf8.count > 500_000 })
        #expect(json.items.values.contains { $0.text.isEmpty })
        #expect(json.items.values.contains { $0.changedAt != nil } && json.items.values.contains { $0.changedAt == nil })
        #expect(json.drafts.values.contains { !$0.deliveries.isEmpty })
        #expect(!json.ledger.marks.isEmpty && !json.ledger.drafts.isEmpty)
    }

    @Test func theBinaryFormKeepsEveryBitOfEveryValue() throws {
        // Straight through the codec, times with fractions and all (JSON would round them).
        let ws = RandomWorkspace.make(seed: 9, items: 200, wholeSeconds: false)
        let snapshot = SnapshotFile(version: 2, seq: ws.seq, items: ws.items.values.sorted { $0.id < $1.id },
                                    drafts: ws.drafts.values.sorted { $0.id < $1.id }, rollups: ws.rollups, head: "abc", ledger: ws.ledger)
        let body = SnapshotBody.encode(snapshot)
        let back = try SnapshotBody.decode(FileBytes(copying: body), range: 0..<body.count, checksum: WordHash.hash(body))
        #expect(back.items == ws.items)
        #expect(back.drafts == ws.drafts)
        #expect(back.orderedDrafts == snapshot.drafts)
        #expect(back.rollups == snapshot.rollups)
        #expect(back.ledger == snapshot.ledger)
        #expect(back.orderedItems == nil, "kept only to rebuild a missing ledger")
        #expect(back.seq == snapshot.seq && back.head == "abc" && back.version == 2)
        // Several chunks of items, no ledger, no rollups, and an id twice: as the JSON is read,
        // the first of the two stays, and the items come back in order for a ledger to be built.
        let many = RandomWorkspace.make(seed: 10, items: SnapshotBody.chunkSize * 2 + 17, wholeSeconds: false, hugeTexts: false)
        var list = many.items.values.sorted { $0.id < $1.id }
        var twin = list[3]
        twin.text = "the second of two with one id"
        list.append(twin)
        let big = SnapshotFile(version: 2, seq: 1, items: list, drafts: [], rollups: nil, head: nil, ledger: nil)
        let bigBody = SnapshotBody.encode(big)
        let bigBack = try SnapshotBody.decode(FileBytes(copying: bigBody), range: 0..<bigBody.count, checksum: WordHash.hash(bigBody))
        #expect(bigBack.items == OpenedSnapshot(big).items)
        #expect(bigBack.items == many.items)
        #expect(bigBack.orderedItems == list)
        #expect(bigBack.rollups == nil && bigBack.ledger == nil && bigBack.head == nil)
        // The same with a ledger, where the two decoding tasks share the items: still the first.
        let withLedger = SnapshotFile(version: 2, seq: 1, items: list, drafts: [], rollups: nil, head: nil, ledger: Ledger())
        let ledgerBody = SnapshotBody.encode(withLedger)
        let ledgerBack = try SnapshotBody.decode(FileBytes(copying: ledgerBody), range: 0..<ledgerBody.count, checksum: WordHash.hash(ledgerBody))
        #expect(ledgerBack.items == many.items)
        #expect(ledgerBack.orderedItems == nil)
    }

    @Test func ofTwoItemsWithOneIdTheFirstStaysWhateverTheTasksDo() throws {
        // Each chunk starts with a second copy of the item that ended the chunk before it,
        // so whichever chunks the second task takes, and in whatever order they land,
        // some pair straddles them. The JSON is read keeping the first of each.
        let size = SnapshotBody.chunkSize
        let many = RandomWorkspace.make(seed: 11, items: size * 6, wholeSeconds: true, hugeTexts: false)
        var list = many.items.values.sorted { $0.id < $1.id }
        for start in stride(from: size, to: list.count, by: size) {
            var twin = list[start - 1]
            twin.text = "a later copy"
            list.insert(twin, at: start)
        }
        let file = SnapshotFile(version: 2, seq: 1, items: list, drafts: [], rollups: nil, head: nil, ledger: Ledger())
        let body = SnapshotBody.encode(file)
        for _ in 0..<5 {
            let back = try SnapshotBody.decode(FileBytes(copying: body), range: 0..<body.count, checksum: WordHash.hash(body))
            #expect(back.items == many.items)
            #expect(!back.items.values.contains { $0.text == "a later copy" })
        }
    }

    @Test func aCompactionWritesTheCacheOfTheNewSnapshot() throws {
        let temp = try warmStore()
        let store = try temp.open()
        // A clock with fractions of a second: the journal keeps whole seconds only.
        let now = Fixture.now.addingTimeInterval(0.375)
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: now)
        _ = try store.apply(Request(.note(item: "i-2", text: "called back ☎"), by: "aisha", basedOn: 1), at: now)
        try store.compact(now: now)
        #expect(try cacheState(temp.root) == .used)
        let cached = try readBase(temp.root, .readOnly)
        #expect(cached.cache == .used)
        #expect(cached.workspace == (try truth(temp.root)))
        #expect(cached.workspace.items["i-1"]?.status == .handled)
    }

    // MARK: Stale

    @Test func aCacheOfAnEarlierSnapshotIsNotUsed() throws {
        let temp = try warmStore()
        let old = try Data(contentsOf: cacheURL(temp.root))
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        // Put the cache of the replaced snapshot back, as a crash at the wrong moment might.
        try old.write(to: cacheURL(temp.root))
        let reopened = try readBase(temp.root)
        guard case .stale = reopened.cache else { Issue.record("used a stale cache: \(reopened.cache)"); return }
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(reopened.workspace == (try truth(temp.root)))
        #expect(try cacheState(temp.root) == .used, "rewritten for the new snapshot")
    }

    @Test func aSnapshotEditedByHandWithTheSameSizeAndTimeIsReadAgain() throws {
        let temp = try warmStore()
        let path = temp.root.appendingPathComponent("snapshot.json").path
        var before = stat()
        stat(path, &before)
        // An edit in place, same length, and the modification time put back as it was.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "printers on floor 2", with: "printers on floor 3")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        let fd = open(path, O_WRONLY)
        _ = Array(edited.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [timespec(tv_sec: before.st_atim.tv_sec, tv_nsec: before.st_atim.tv_nsec),
                     timespec(tv_sec: before.st_mtim.tv_sec, tv_nsec: before.st_mtim.tv_nsec)]
        futimens(fd, &times)
        close(fd)
        var after = stat()
        stat(path, &after)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let reopened = try readBase(temp.root)
        guard case .stale = reopened.cache else { Issue.record("used a stale cache: \(reopened.cache)"); return }
        #expect(reopened.workspace.items["i-2"]?.text == "The printers on floor 3 are broken again.")
        #expect(try cacheState(temp.root) == .used)
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give the cache to someone else"))
    func aCacheBelongingToSomeoneElseIsNotBelieved() throws {
        let temp = try warmStore()
        chown(cacheURL(temp.root).path, 4242, 4242)
        guard case .stale = try readBase(temp.root, .readOnly).cache else { Issue.record("believed a cache of another owner"); return }
    }

    // MARK: Damaged

    @Test(arguments: ["truncated", "flipped", "garbage", "empty", "header"])
    func aDamagedCacheIsDetectedAndRewritten(damage: String) throws {
        let temp = try warmStore()
        let url = cacheURL(temp.root)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count - 40] ^= 0x10  // inside an item's text: only the checksum can tell
        case "garbage": bytes = (0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        case "empty": bytes = []
        default: bytes[SnapshotCache.headerSize - 20] ^= 0x01  // the body's checksum itself
        }
        try Data(bytes).write(to: url)
        let reopened = try readBase(temp.root)
        guard case .damaged = reopened.cache else { Issue.record("\(damage): not detected, \(reopened.cache)"); return }
        #expect(reopened.workspace == (try truth(temp.root)))
        #expect(try cacheState(temp.root) == .used, "rewritten")
    }

    @Test func noSingleBitFlipOrTruncationGoesUnnoticed() throws {
        let temp = try warmStore(RandomWorkspace.make(seed: 5, items: 40, wholeSeconds: true, hugeTexts: false))
        let url = cacheURL(temp.root)
        let good = [UInt8](try Data(contentsOf: url))
        for position in stride(from: 0, to: good.count, by: max(1, good.count / 400)) {
            var bytes = good
            bytes[position] ^= UInt8(1) << UInt8(position % 8)
            try Data(bytes).write(to: url)
            let state = try cacheState(temp.root)
            #expect(isDamagedOrStale(state), "a flip at byte \(position) was not noticed")
        }
        for length in stride(from: 0, to: good.count, by: max(1, good.count / 200)) {
            try Data(good[0..<length]).write(to: url)
            #expect(isDamagedOrStale(try cacheState(temp.root)), "a cut at \(length) bytes was not noticed")
        }
        try Data(good).write(to: url)
        #expect(try cacheState(temp.root) == .used)
    }

    @Test func everyBoundOfTheDecoderIsChecked() throws {
        // Valid checksums over bodies that lie: the decoder alone must refuse them.
        let ws = RandomWorkspace.make(seed: 6, items: 30, wholeSeconds: true, hugeTexts: false)
        let snapshot = SnapshotFile(version: 2, seq: 3, items: ws.items.values.sorted { $0.id < $1.id },
                                    drafts: ws.drafts.values.sorted { $0.id < $1.id }, rollups: ws.rollups, ledger: ws.ledger)
        let body = SnapshotBody.encode(snapshot)
        for position in 0..<min(body.count, 600) {
            for replacement: UInt8 in [0x00, 0x7F, 0xFF] where body[position] != replacement {
                var bytes = body
                bytes[position] = replacement
                // Must either throw or decode something; never crash or read out of bounds.
                _ = try? SnapshotBody.decode(FileBytes(copying: bytes), range: 0..<bytes.count, checksum: WordHash.hash(bytes))
            }
        }
        for length in 0..<body.count {
            let cut = Array(body[0..<length])
            #expect(throws: (any Error).self, "a body cut to \(length) bytes decoded") {
                try SnapshotBody.decode(FileBytes(copying: cut), range: 0..<cut.count, checksum: WordHash.hash(cut))
            }
        }
    }

    @Test func anEmptySnapshotIsReportedNotCrashedOn() throws {
        let temp = try warmStore()
        try Data().write(to: temp.root.appendingPathComponent("snapshot.json"))
        #expect(throws: StoreError.self) { try temp.open() }
    }

    // MARK: Cannot write

    @Test func aStoreWhoseCacheCannotBeWrittenStillOpens() throws {
        let temp = try TemporaryStore()
        // `cache` taken by a plain file: the directory cannot be made (as with a
        // read-only store directory, which root would not notice).
        try Data("not a directory".utf8).write(to: temp.root.appendingPathComponent("cache"))
        let store = try temp.open()
        #expect(store.workspace == (try truth(temp.root)))
        #expect(store.warnings.isEmpty)
        #expect(try readBase(temp.root).cache != .used)
    }

    @Test(.enabled(if: geteuid() != 0, "root writes in read-only directories"))
    func aReadOnlyStoreStillOpens() throws {
        let temp = try TemporaryStore()
        chmod(temp.root.path, 0o500)
        defer { chmod(temp.root.path, 0o700) }
        let store = try temp.open()
        #expect(store.workspace == (try truth(temp.root)))
        #expect(!FileManager.default.fileExists(atPath: cacheURL(temp.root).path))
    }

    @Test func checksWriteNoCache() throws {
        let temp = try TemporaryStore()
        #expect(try StoreCheck(root: temp.root).run(repair: false).ok)
        #expect(try ChainCheck(root: temp.root).run().ok)
        #expect(!FileManager.default.fileExists(atPath: cacheURL(temp.root).path))
    }

    @Test(arguments: [mode_t(0o700), mode_t(0o2770)])
    func theCacheFollowsTheStoresFileModes(rootMode: mode_t) throws {
        // A private store keeps it to its owner; a shared one gives it to the group, as every file.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-cache-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        chmod(root.path, rootMode)
        try StoreSetup.create(at: root, from: Fixture.workspace())
        let store = try Store(at: root)
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        try store.compact(now: Fixture.now)
        _ = try store.history(since: Fixture.now)
        let shared = rootMode & 0o020 != 0
        func mode(_ url: URL) -> mode_t {
            var st = stat()
            stat(url.path, &st)
            return st.st_mode & 0o7777
        }
        #expect(mode(cacheURL(root)) == (shared ? 0o660 : 0o600))
        #expect(mode(EventIndex.url(store.files)) == (shared ? 0o660 : 0o600))
        #expect(mode(cacheURL(root).deletingLastPathComponent()) == (shared ? 0o2770 : 0o700))
    }
}
