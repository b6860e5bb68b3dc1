import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Dedupe of arrivals under the lock, against open items and the archive's index.
@Suite struct ArrivalIndexTests {
    func old(_ id: String, days: Double) -> InboxItem {
        var item = Fixture.item(id, channel: .mastodon, ago: Fixture.days(days), status: .handled)
        item.changedAt = item.receivedAt
        return item
    }

    @Test func theIndexCoversArchivedItemsAndIsRebuiltWhenTheArchiveGrows() throws {
        var ws = Fixture.workspace()
        ws.items["i-a"] = old("i-a", days: 45)
        let temp = try TemporaryStore(ws)
        let store = try temp.open()
        try store.compact(now: Fixture.now)
        #expect(try ArchiveIndex(files: store.files).load().values.sorted() == ["i-a"])

        // A second item is archived into the same month: the saved index is stale.
        _ = try store.apply(Request(.receive(old("i-b", days: 44)), by: "receive"), at: Fixture.now)
        try store.compact(now: Fixture.now)
        #expect(try ArchiveIndex(files: store.files).load().values.sorted() == ["i-a", "i-b"])

        // Both are known to an arrival though neither is open any more.
        var seen: [String?] = []
        let results = try store.applyArrivals(at: Fixture.now) { lookup in
            seen = [lookup(.mastodon, "p-i-a"), lookup(.mastodon, "p-i-b"), lookup(.x, "p-i-a"), lookup(.mastodon, "p-i-1")]
            return []
        }
        #expect(results.isEmpty)
        #expect(seen == ["i-a", "i-b", nil, nil])
    }
}
