import EarshotCore
@testable import EarshotStore
import Foundation
import TestSupport
import Testing

/// `audit --since` (issue 13, goal 8) reads the archive from the first stretch that
/// can hold an event at or after `since`, through `cache/events.idx`, and still
/// answers exactly what reading the whole history would.
@Suite struct AuditSinceTests {
    /// A store whose archive holds several compactions' worth of arrivals. Times rise
    /// batch by batch, but every seventh batch steps back two hours, as the time of a
    /// session kept waiting for the lock does: the archive is not strictly in time order.
    final class History {
        let temp: TemporaryStore
        let store: Store
        var clock = Fixture.now.addingTimeInterval(-Fixture.days(40))
        var batches = 0

        init() throws {
            temp = try TemporaryStore()
            store = try temp.open()
        }

        func round(batches count: Int, of size: Int) throws {
            for _ in 0..<count {
                batches += 1
                clock.addTimeInterval(batches % 7 == 0 ? -Fixture.hours(2) : Fixture.minutes(37))
                let requests = (0..<size).map { n in
                    Request(.receive(Fixture.item("a-\(batches)-\(n)", text: "arrival \(n) of batch \(batches), with words enough to fill a line")), by: "aisha")
                }
                let results = try store.applyBatch(requests, at: clock, mode: .allOrNothing)
                #expect(results.allSatisfy { (try? $0.get()) != nil })
            }
            try store.compact(now: clock)
        }
    }

    func archiveSize(_ store: Store) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: store.files.archivedEvents.path)[.size]) as? Int) ?? 0
    }

    /// `history(since:)` against the whole history filtered by hand, for times before
    /// the first event, at and between events (in and out of order), and after the last.
    func expectExact(_ store: Store, _ context: String) throws {
        let all = try store.history()
        let times = all.map(\.at).sorted()
        let first = try #require(times.first), last = try #require(times.last)
        var probes = [first.addingTimeInterval(-1), first, last, last.addingTimeInterval(1), .distantFuture, .distantPast]
        for fraction in [0.1, 0.33, 0.5, 0.77, 0.9, 0.99] {
            let t = times[Int(Double(times.count - 1) * fraction)]
            probes += [t, t.addingTimeInterval(-1), t.addingTimeInterval(1), t.addingTimeInterval(-Fixture.hours(1.5))]
        }
        for since in probes {
            let expected = all.filter { $0.at >= since }
            let found = try store.history(since: since)
            #expect(found == expected, "\(context): since \(since): \(found.count) events where \(expected.count) were expected")
        }
    }

    @Test func sinceAnswersExactlyWhatTheWholeHistoryDoes() throws {
        let h = try History()
        for _ in 0..<3 { try h.round(batches: 8, of: 100) }
        #expect(archiveSize(h.store) > 4 * EventIndex.blockBytes, "the archive spans several blocks")
        try expectExact(h.store, "no index yet")
        #expect(FileManager.default.fileExists(atPath: EventIndex.url(h.store.files).path))
        try expectExact(h.store, "with the index")
        // The archive grows; the index is extended over the new stretch, and stays exact.
        try h.round(batches: 8, of: 100)
        try expectExact(h.store, "after another compaction")
        _ = try h.store.apply(Request(.triage(item: "a-3-1", to: .handled), by: "aisha"), at: h.clock)
        try expectExact(h.store, "with events in the journal too")
    }

    @Test func aRecentSinceSkipsTheOldHistory() throws {
        let h = try History()
        for _ in 0..<3 { try h.round(batches: 8, of: 100) }
        _ = try h.store.history(since: h.clock)
        let fd = open(h.store.files.archivedEvents.path, O_RDONLY)
        defer { close(fd) }
        let archive = try #require(EventIndex.Archive(fd: fd))
        let index = try #require(EventIndex.load(h.store.files, archive: archive, fd: fd))
        #expect(index.covered == archive.size)
        // The last half hour (some ten hours of history): most of the archive is skipped.
        let start = index.start(since: h.clock.addingTimeInterval(-Fixture.minutes(30)))
        try #require(start.offset >= archive.size / 2, "reads from \(start.offset) of \(archive.size) bytes")
        // Where reading starts is the start of a line, and its number is right.
        let bytes = try Data(contentsOf: h.store.files.archivedEvents)
        #expect(bytes[start.offset - 1] == UInt8(ascii: "\n"))
        #expect(bytes[..<start.offset].filter { $0 == UInt8(ascii: "\n") }.count == start.line - 1)
        // Before everything: the whole archive.
        #expect(index.start(since: .distantPast).offset == 0)
    }

    @Test(arguments: ["garbage", "flipped", "other store's", "archive rewritten"])
    func aDamagedOrForeignIndexIsNotUsed(damage: String) throws {
        let h = try History()
        for _ in 0..<2 { try h.round(batches: 8, of: 100) }
        _ = try h.store.history(since: h.clock)
        let url = EventIndex.url(h.store.files)
        switch damage {
        case "garbage":
            try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }).write(to: url)
        case "flipped":
            var bytes = [UInt8](try Data(contentsOf: url))
            // A block's latest time: made older, it would hide the block's events.
            bytes[bytes.count - 2] ^= 0x40
            try Data(bytes).write(to: url)
        case "other store's":
            // An index that says every block is old, but of another archive.
            let other = try History()
            for _ in 0..<2 { try other.round(batches: 8, of: 100) }
            _ = try other.store.history(since: other.clock)
            try FileManager.default.removeItem(at: url)
            try FileManager.default.copyItem(at: EventIndex.url(other.store.files), to: url)
        default:
            // Same bytes, new file (as a migration's rewrite): the index's file is gone.
            let data = try Data(contentsOf: h.store.files.archivedEvents)
            try DurableIO.replace(h.store.files.archivedEvents, with: data)
        }
        let fd = open(h.store.files.archivedEvents.path, O_RDONLY)
        defer { close(fd) }
        #expect(EventIndex.load(h.store.files, archive: try #require(EventIndex.Archive(fd: fd)), fd: fd) == nil)
        try expectExact(h.store, damage)
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give the index to someone else"))
    func anIndexBelongingToSomeoneElseIsNotBelieved() throws {
        let h = try History()
        for _ in 0..<2 { try h.round(batches: 8, of: 100) }
        _ = try h.store.history(since: h.clock)
        let url = EventIndex.url(h.store.files)
        // A group member's index, checksums and all, saying every block is older than anything asked.
        let fd = open(h.store.files.archivedEvents.path, O_RDONLY)
        defer { close(fd) }
        let archive = try #require(EventIndex.Archive(fd: fd))
        var forged = try #require(EventIndex.load(h.store.files, archive: archive, fd: fd))
        for i in forged.blocks.indices { forged.blocks[i].latest = .distantPast }
        forged.save(h.store.files, archive: archive, fd: fd)
        let all = try h.store.history()
        let since = all[all.count / 2].at
        // Believed from its owner (who could as well rewrite the archive): it hides events.
        #expect(EventIndex.load(h.store.files, archive: archive, fd: fd) == forged)
        #expect(try h.store.history(since: since).count < all.filter { $0.at >= since }.count)
        forged.save(h.store.files, archive: archive, fd: fd)
        chown(url.path, 4242, 4242)
        #expect(EventIndex.load(h.store.files, archive: archive, fd: fd) == nil)
        try expectExact(h.store, "someone else's index")
    }
}
