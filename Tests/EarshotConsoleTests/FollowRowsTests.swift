import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Rows follow events without a scan (`AppState.followRows`); after any run of
/// events, under any filter, they are exactly the rows a fresh scan lists, and
/// `0` gives back exactly the unfiltered rows.
@Suite struct FollowRowsTests {
    static let filters = ["", "status:new", "channel:x,bsky", "tag:events", "-tag:events status:open", "status:hidden",
                          "assignee:aisha", "status:handled,hidden", "branch:central", "printer", "is:overdue"]

    func workspace(_ dice: inout Dice) -> Workspace {
        var ws = Fixture.workspace()
        let statuses: [ItemStatus] = [.new, .needsReply, .handled, .hidden, .escalated]
        for n in 0..<300 {
            var item = InboxItem(
                id: "g-\(n)", channel: Channel.allCases[dice.next(6)], platformID: "g\(n)",
                author: Author(handle: "@u\(dice.next(20))", displayName: "U"),
                text: ["printer broken", "open late?", "thanks"][dice.next(3)],
                // Some share a time, so the id breaks the tie.
                receivedAt: Fixture.now.addingTimeInterval(-Double(dice.next(200) * 600)),
                branch: ["central", nil][dice.next(2)], status: statuses[dice.next(statuses.count)])
            if dice.next(3) == 0 { item.tags = ["events"] }
            item.fromLibrary = dice.next(30) == 0
            ws.items[item.id] = item
        }
        return ws
    }

    func change(_ ws: Workspace, _ dice: inout Dice, seq: Int) -> Change {
        let ids = Array(ws.items.keys).sorted()
        let id = ids[dice.next(ids.count)]
        let status = ws.items[id]!.status
        switch dice.next(6) {
        case 0:
            return .received(item: InboxItem(
                id: "r-\(seq)", channel: .x, platformID: "r\(seq)", author: Author(handle: "@new", displayName: "New"),
                text: "printer again", receivedAt: Fixture.now.addingTimeInterval(-Double(dice.next(200) * 600)),
                inReplyTo: dice.next(2) == 0 ? id : nil))
        case 1: return .triaged(item: id, from: status, to: [.hidden, .handled, .new, .needsReply][dice.next(4)])
        case 2: return .reverted(item: id, from: status, to: .new, undoing: seq - 1)
        case 3: return .tagged(item: id, added: dice.next(2) == 0 ? ["events"] : [], removed: dice.next(2) == 0 ? ["events"] : [])
        case 4: return .assigned(item: id, to: dice.next(2) == 0 ? "aisha" : nil)
        default: return .noted(item: id, note: InternalNote(by: "aisha", at: Fixture.now, text: "n"))
        }
    }

    func filtered(_ s: inout AppState, _ text: String) {
        _ = s.update(.key(.char("0")))
        guard !text.isEmpty else { return }
        _ = s.update(.key(.char("F")))
        type(&s, text)
        _ = s.update(.key(.enter))
        if case .prompt = s.mode { Issue.record("the filter '\(text)' was not taken") }
    }

    /// The rows a session opened now, with the same filter, would list.
    func scanned(_ s: AppState, _ text: String) -> [String] {
        var fresh = state(ws: s.workspace)
        fresh.now = s.now
        filtered(&fresh, text)
        return fresh.inboxOrder
    }

    @Test(arguments: filters)
    func rowsAfterEventsAreTheRowsOfAFreshScan(_ filter: String) {
        var dice = Dice(state: UInt64(filter.utf8.count) &* 7919)
        var s = state(ws: workspace(&dice))
        filtered(&s, filter)
        let unfiltered = scanned(s, "")
        for step in 0..<80 {
            var ws = s.workspace
            // Sometimes several events at once, as a bulk action or a poll brings them.
            // (40 takes the one-pass path a bulk action on many rows takes.)
            let count = dice.next(8) == 0 ? 40 : dice.next(4) == 0 ? 3 : 1
            let events = (0..<count).map { i in
                let e = Event(seq: ws.seq + 1 + i, at: Fixture.now, actor: "aisha", change: change(ws, &dice, seq: ws.seq + 1 + i))
                return e
            }
            for e in events { ws.apply(e) }
            _ = s.update(.storeChanged(ws, events: events))
            let want = scanned(s, filter)
            #expect(s.inboxOrder == want, "step \(step), filter '\(filter)': \(difference(s.inboxOrder, want)) after \(events.map(\.change))")
        }
        _ = s.update(.key(.char("0")))
        let all = scanned(s, "")
        #expect(s.inboxOrder == all, "0 after the events shows the unfiltered rows of now: \(difference(s.inboxOrder, all))")
        #expect(unfiltered != s.inboxOrder, "the events changed the rows (or the test proves nothing)")
        // A new filter scans the newest-first order the arrivals were put into.
        filtered(&s, "status:open")
        let open = scanned(s, "status:open")
        #expect(s.inboxOrder == open, "a filter after the events: \(difference(s.inboxOrder, open))")
    }

    func difference(_ got: [String], _ want: [String]) -> String {
        guard let i = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (got.count == want.count ? nil : min(got.count, want.count)) else { return "same" }
        return "row \(i): got \(got.count > i ? got[i] : "nothing"), want \(want.count > i ? want[i] : "nothing") (\(got.count) rows, want \(want.count))"
    }
}
