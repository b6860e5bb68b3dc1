import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// The inbox list after hiding and unhiding: the same rows, in the same order, as a
/// list built from scratch on the same workspace.
@Suite struct InboxOrderTests {
    func apply(_ s: inout AppState, _ change: Change, seq: Int) {
        var ws = s.workspace
        let event = Event(seq: seq, at: Fixture.now, actor: "aisha", change: change)
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
    }

    func fresh(_ s: AppState) -> [String] {
        AppState(workspace: s.workspace, me: s.me, now: s.now, size: s.size).inboxOrder
    }

    @Test func hidingAndUndoingKeepTheListAsIfBuiltAgain() {
        var s = state()
        let before = s.inboxOrder
        #expect(before.contains("i-2"))
        apply(&s, .triaged(item: "i-2", from: .needsReply, to: .hidden), seq: 20)
        #expect(!s.inboxOrder.contains("i-2"))
        #expect(s.inboxOrder == fresh(s))
        apply(&s, .reverted(item: "i-2", from: .hidden, to: .needsReply, undoing: 20), seq: 21)
        #expect(s.inboxOrder == before, "undoing the spam puts the item back in its place")
        #expect(s.inboxOrder == fresh(s))
        apply(&s, .triaged(item: before[0], from: .new, to: .hidden), seq: 22)
        apply(&s, .triaged(item: before.last!, from: s.workspace.items[before.last!]!.status, to: .hidden), seq: 23)
        #expect(s.inboxOrder == fresh(s))
        apply(&s, .triaged(item: before[0], from: .hidden, to: .new), seq: 24)
        #expect(s.inboxOrder == fresh(s))
    }
}

/// Due dates follow items that close and reopen, as if worked out again from scratch.
@Suite struct DueFollowsEventsTests {
    @Test func closingAndReopeningKeepDueAsIfBuiltAgain() {
        var ws = Fixture.workspace()
        ws.config.responseTargets = ["x": 60, "facebook": 240]
        var s = state(ws: ws)
        let fresh = { (s: AppState) in AppState(workspace: s.workspace, me: s.me, now: s.now, size: s.size).due }
        #expect(s.due == fresh(s))
        #expect(s.due["i-1"] != nil)
        var seq = 30
        for (id, to) in [("i-1", ItemStatus.handled), ("i-2", .replied), ("i-1", .new), ("i-2", .hidden), ("i-2", .needsReply)] {
            var next = s.workspace
            seq += 1
            let event = Event(seq: seq, at: Fixture.now, actor: "aisha",
                              change: .triaged(item: id, from: next.items[id]!.status, to: to))
            next.apply(event)
            _ = s.update(.storeChanged(next, events: [event]))
            #expect(s.due == fresh(s), "after \(id) → \(to)")
        }
        _ = s.update(.key(.char("F")))
        for ch in "is:overdue" { _ = s.update(.key(.char(ch))) }
        _ = s.update(.key(.enter))
        #expect(s.due == fresh(s))
    }
}

/// The search index built in the background at open finds what arrived after it started.
@Suite struct BackgroundSearchIndexTests {
    @Test func aBigInboxSearchesItemsReceivedAfterOpening() {
        var ws = Fixture.workspace()
        for i in 0..<6_000 {
            ws.items["bulk-\(i)"] = InboxItem(
                id: "bulk-\(i)", channel: .x, platformID: "b\(i)", author: Author(handle: "@bulk", displayName: "Bulk"),
                text: "routine message \(i)", receivedAt: Fixture.now.addingTimeInterval(-86_400 - Double(i)))
        }
        var s = state(ws: ws)
        var next = s.workspace
        let late = InboxItem(
            id: "late-1", channel: .x, platformID: "late", author: Author(handle: "@owl", displayName: "Night Owl"),
            text: "Is the quokka exhibition still on?", receivedAt: Fixture.now.addingTimeInterval(-172_800))
        let event = Event(seq: 99, at: Fixture.now, actor: "aisha", change: .received(item: late))
        next.apply(event)
        _ = s.update(.storeChanged(next, events: [event]))
        _ = press(&s, .char("/"))
        type(&s, "quokka")
        #expect(s.selectedItem?.id == "late-1")
        _ = press(&s, .escape)
        _ = press(&s, .char("/"))
        type(&s, "routine message 5999")
        #expect(s.selectedItem?.id == "bulk-5999")
    }
}
