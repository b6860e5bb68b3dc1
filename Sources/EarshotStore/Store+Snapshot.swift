import EarshotCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Store {
    /// Reads snapshot.json: from `cache/snapshot.bin` when that is fresh and sound,
    /// otherwise by decoding the JSON, after which (`use == .readWrite`) the cache is
    /// written for the next open. Nil when there is no snapshot.
    static func readSnapshot(_ files: StoreFiles, use: SnapshotCache.Use) throws -> (OpenedSnapshot?, SnapshotCache.Outcome) {
        let fd = open(files.snapshot.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return (nil, .notUsed) }
            throw StoreError.io(file: "snapshot.json", operation: "open", errno: errno)
        }
        defer { close(fd) }
        let before = use == .ignore ? nil : SnapshotCache.Identity.of(fd: fd)
        var outcome = SnapshotCache.Outcome.notUsed
        if let before {
            let (cached, why) = SnapshotCache.load(files, for: before)
            if let cached { return (cached, .used) }
            outcome = why
        }
        let data = try DurableIO.readAll(fd: fd, from: 0, file: "snapshot.json")
        let snapshot = try JSONFormat.decode(SnapshotFile.self, from: data, file: "snapshot.json")
        // Only for a file that did not change while it was read, in a version this
        // earshot understands (a newer one is refused by the caller).
        if use == .readWrite, let before, snapshot.version <= SnapshotFile.currentVersion,
           SnapshotCache.Identity.of(fd: fd) == before {
            SnapshotCache.save(snapshot, for: before, in: files)
        }
        return (OpenedSnapshot(snapshot), outcome)
    }

    /// After a compaction wrote `snapshot` as snapshot.json: the cache for it, so the
    /// sessions that follow the compaction, and the next to open, skip the JSON.
    /// Written from the value in memory, which is what decoding the JSON gives back
    /// as long as every time in it is whole seconds (the ISO-8601 form keeps no
    /// fractions): every value in a workspace was itself read from JSON. When one is
    /// not, no cache is written and the next open makes it from the JSON.
    static func cacheCompacted(_ snapshot: SnapshotFile, json: Data, in files: StoreFiles) {
        guard snapshot.timesAreWholeSeconds else { return }
        let fd = open(files.snapshot.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard let identity = SnapshotCache.Identity.of(fd: fd), identity.size == UInt64(json.count) else { return }
        SnapshotCache.save(snapshot, for: identity, in: files)
    }
}

/// What opening takes from the snapshot, by id, however it was read.
struct OpenedSnapshot {
    var version = 0
    var seq = 0
    var head: String?
    var rollups: Rollups?
    var ledger: Ledger?
    var items = ItemTable()
    var drafts: [String: Draft] = [:]
    /// The items in the file's order: kept only when there is no ledger, to rebuild one.
    var orderedItems: [InboxItem]?
    var orderedDrafts: [Draft] = []
}

extension OpenedSnapshot {
    init(_ file: SnapshotFile) {
        self.init(version: file.version, seq: file.seq, head: file.head, rollups: file.rollups, ledger: file.ledger,
                  items: ItemTable(keepingFirst: file.items), drafts: Store.keyed(file.drafts) { $0.id },
                  orderedItems: file.ledger == nil ? file.items : nil, orderedDrafts: file.drafts)
    }
}

extension SnapshotFile {
    /// True when JSON's ISO-8601 times would give back every `Date` unchanged.
    var timesAreWholeSeconds: Bool {
        func whole(_ d: Date?) -> Bool {
            guard let t = d?.timeIntervalSinceReferenceDate else { return true }
            return t.rounded(.down) == t
        }
        for i in items {
            guard whole(i.receivedAt), whole(i.changedAt), i.notes.allSatisfy({ whole($0.at) }) else { return false }
        }
        for d in drafts {
            guard whole(d.createdAt), whole(d.submittedAt), whole(d.scheduledFor), whole(d.publishedAt), whole(d.changedAt),
                  d.revisions.allSatisfy({ whole($0.at) }), d.notes.allSatisfy({ whole($0.at) }),
                  d.deliveries.allSatisfy({ whole($0.at) && whole($0.firstTry) && whole($0.nextTry) })
            else { return false }
        }
        // The ledger keeps seconds since 1970 as numbers, exact for whole seconds.
        if let ledger {
            guard ledger.arrivals.allSatisfy({ whole($0.receivedAt) && whole($0.firstReplyAt) && whole($0.closedAt) }),
                  ledger.marks.allSatisfy({ whole($0.at) })
            else { return false }
        }
        return true
    }
}
