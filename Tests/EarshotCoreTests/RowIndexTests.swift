import EarshotCore
import Foundation
import TestSupport
import Testing

/// The column index lists exactly what asking every item would list, under any
/// filter, before and after its rows change.
@Suite struct RowIndexTests {
    static let filters = [
        "", "status:new", "status:open", "-status:closed", "channel:x,bsky", "-channel:facebook", "branch:central",
        "branch:none", "branch:NORTH", "tag:events", "tag:t70", "-tag:events", "tag:t3,t90", "assignee:me", "assignee:none",
        "assignee:ben", "is:unassigned", "is:mine", "is:open,assigned", "-is:closed", "status:hidden", "printer",
        "status:open printer -tag:events", "author:@u3", "age:<1d", "channel:x tag:t1 assignee:aisha is:open",
    ]

    func items(_ dice: inout Dice, count: Int) -> ItemTable {
        var table = ItemTable()
        let statuses = ItemStatus.allCases
        for n in 0..<count {
            var item = InboxItem(
                id: "i-\(n)", channel: Channel.allCases[dice.next(6)], platformID: "\(n)",
                author: Author(handle: "@u\(dice.next(10))", displayName: "U"),
                text: ["printer broken", "open late?", "thanks"][dice.next(3)],
                receivedAt: Fixture.now.addingTimeInterval(-Double(dice.next(300) * 600)),
                branch: ["central", "North", nil][dice.next(3)], status: statuses[dice.next(statuses.count)],
                assignee: ["aisha", "ben", "Ben", nil][dice.next(4)])
            // A hundred tag names, more than the 63 that get a bit of their own.
            item.tags = (0..<dice.next(3)).map { _ in dice.next(4) == 0 ? "events" : "t\(dice.next(100))" }
            item.fromLibrary = dice.next(25) == 0
            table[item.id] = item
        }
        return table
    }

    /// Every item asked, in newest-first order: the meaning the index must keep.
    func reference(_ table: ItemTable, _ filter: Filter?, _ context: FilterContext) -> [String] {
        let showHidden = filter?.asksForHidden ?? false
        let matches = filter?.matcher(in: context)
        return table.values
            .filter { ($0.status != .hidden || showHidden) && !$0.fromLibrary && (matches?($0) ?? true) }
            .sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
            .map(\.id)
    }

    @Test(arguments: filters)
    func theIndexListsWhatAskingEveryItemLists(_ text: String) throws {
        var dice = Dice(state: UInt64(text.utf8.count + 1) &* 104_729)
        var table = items(&dice, count: 1_500)
        let filter = text.isEmpty ? nil : try Filter.parse(text).get()
        let context = FilterContext(me: Fixture.staff[0], now: Fixture.now)
        var index = RowIndex(items: table)
        #expect(index.count == table.count)
        #expect(index.rows(filter, context: context, item: { table[$0] }) == reference(table, filter, context))
        // Changes and arrivals, each put in its row.
        for step in 0..<300 {
            let id = "i-\(dice.next(1_700))"
            var item = table[id] ?? InboxItem(id: id, channel: .mastodon, platformID: id, author: Author(handle: "@new", displayName: "N"),
                                              text: "printer", receivedAt: Fixture.now.addingTimeInterval(-Double(dice.next(300) * 600)))
            item.status = ItemStatus.allCases[dice.next(ItemStatus.allCases.count)]
            if dice.next(2) == 0 { item.tags = dice.next(2) == 0 ? ["events", "t\(dice.next(100))"] : [] }
            if dice.next(2) == 0 { item.assignee = ["aisha", nil, "ben"][dice.next(3)] }
            table[id] = item
            index.upsert(item)
            if step % 50 == 0 {
                #expect(index.rows(filter, context: context, item: { table[$0] }) == reference(table, filter, context), "step \(step)")
            }
        }
        #expect(index.count == table.count)
        #expect(index.rows(filter, context: context, item: { table[$0] }) == reference(table, filter, context))
        #expect(index.ids == table.values.sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }.map(\.id))
    }

    /// Only 63 tags get a bit; a row with any other is asked of its item.
    @Test func tagsBeyondTheOnesWithBitsAreStillFound() throws {
        var table = ItemTable()
        for n in 0..<100 {
            table["i-\(n)"] = InboxItem(id: "i-\(n)", channel: .x, platformID: "\(n)", author: Author(handle: "@a", displayName: "A"),
                                       text: "t", receivedAt: Fixture.now.addingTimeInterval(Double(n)), tags: ["u\(n)"])
        }
        let index = RowIndex(items: table)
        let context = FilterContext(me: Fixture.staff[0], now: Fixture.now)
        for n in 0..<100 {
            let filter = try Filter.parse("tag:u\(n)").get()
            #expect(index.rows(filter, context: context, item: { table[$0] }) == ["i-\(n)"], "tag u\(n)")
        }
    }
}
