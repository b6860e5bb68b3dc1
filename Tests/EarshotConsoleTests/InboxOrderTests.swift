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
