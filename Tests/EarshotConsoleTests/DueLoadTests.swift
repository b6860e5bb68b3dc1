import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// A big inbox works out its due dates in the background as it opens. Rows drawn
/// before then show the same dates, and changes made meanwhile are not lost.
@Suite struct DueLoadTests {
    func bigWorkspace() -> Workspace {
        var ws = Fixture.workspace()
        ws.config.responseTargets = ["x": 120, "facebook": 240]
        for n in 0..<6_000 {
            ws.items["b-\(n)"] = Fixture.item("b-\(n)", channel: [.x, .facebook, .mastodon][n % 3], ago: Double(n) * 97,
                                               status: n % 4 == 0 ? .handled : .new, branch: ["central", "north", nil][n % 3])
        }
        return ws
    }

    /// What a small store (worked out at once, no background) says.
    func expected(_ ws: Workspace) -> [String: Date] {
        var small = Fixture.workspace()
        small.config = ws.config
        small.items = ws.items
        var dates: [String: Date] = [:]
        let s = state(ws: small)
        for item in ws.items.values { if let d = s.dueDate(of: item) { dates[item.id] = d } }
        return dates
    }

    @Test func datesBeforeAndAfterTheBackgroundAgreeAndChangesMeanwhileCount() {
        var ws = bigWorkspace()
        var s = state(ws: ws)
        // Before the background is done (or not: either way the dates must agree).
        let sample = ["b-1", "b-2", "b-5", "b-5999", "i-1"]
        let early = sample.map { id in ws.items[id].flatMap { s.dueDate(of: $0) } }
        // Changes while it works: one item closes, one reopens, one arrives.
        let events = [
            Event(seq: ws.seq + 1, at: Fixture.now, actor: "aisha", change: .triaged(item: "b-1", from: .new, to: .handled)),
            Event(seq: ws.seq + 2, at: Fixture.now, actor: "aisha", change: .reverted(item: "b-0", from: .handled, to: .new, undoing: 1)),
            Event(seq: ws.seq + 3, at: Fixture.now, actor: "aisha", change: .received(item: Fixture.item("late", channel: .x, ago: 60))),
        ]
        for e in events { ws.apply(e) }
        _ = s.update(.storeChanged(ws, events: events))
        // Ordering by time left needs every date, so it waits for the background.
        _ = s.update(.key(.char("o")))
        let want = expected(ws)
        #expect(want.count > 3_000, "most open items have a target")
        #expect(s.due == want.filter { ws.items[$0.key]!.status.isOpen })
        #expect(s.due["b-1"] == nil, "closed while the dates were being worked out")
        #expect(s.due["b-0"] != nil && s.due["late"] != nil, "reopened and arrived while they were being worked out")
        #expect(zip(sample, early).allSatisfy { id, date in id == "b-1" || date == want[id] })
    }
}
