import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// `S` is a list of approved posts you move in and act on; `?` works in it and in `D`.
@Suite struct ScheduleListTests {
    func scheduled() -> Workspace {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .scheduled
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(Fixture.days(3))
        ws.drafts["d-3"]?.state = .approved
        var waiting = Fixture.draft("d-4", author: "ben", state: .submitted, text: "Not approved yet.", channels: [.facebook])
        waiting.scheduledFor = Fixture.now.addingTimeInterval(Fixture.days(1))
        ws.drafts["d-4"] = waiting
        return ws
    }

    @Test func itListsOnlyApprovedPostsWithACursorAndItsOwnKeys() {
        var s = state(as: "priya", ws: scheduled())
        _ = press(&s, .char("2"), .char("S"), .char("j"))
        let frame = Screen.render(s)
        #expect(!frame.text().contains("d-4"), "a post not yet approved is not on the schedule")
        #expect(frame.lines()[22].contains("h hold"))
        #expect(frame.lines()[22].contains("t reschedule"))
        assertScreen(frame, named: "schedule-list")
    }

    @Test func holdUnscheduleAndRescheduleActOnTheSelectedPost() {
        var s = state(as: "priya", ws: scheduled())
        _ = press(&s, .char("2"), .char("S"))
        #expect(press(&s, .char("h")) == [.send([Request(.hold(draft: "d-3"), by: "priya", basedOn: 1)])])
        _ = press(&s, .char("j"))
        #expect(press(&s, .char("U")) == [.send([Request(.schedule(draft: "d-1", at: nil), by: "priya", basedOn: 1)])])
        _ = press(&s, .char("t"))
        _ = press(&s, .ctrl("u"))
        type(&s, "2026-12-02 10:00")
        // 10:00 in London in December is 10:00 UTC.
        let at = ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!
        #expect(press(&s, .enter) == [.send([Request(.schedule(draft: "d-1", at: at), by: "priya", basedOn: 1)])])
        #expect(s.mode == .schedule(scroll: 1))
    }

    @Test func enterOpensThePostInTheDraftsPane() {
        var s = state(as: "priya", ws: scheduled())
        _ = press(&s, .char("2"), .char("S"), .char("j"), .enter)
        #expect(s.mode == .detail(scroll: 0))
        #expect(s.focus == .drafts)
        #expect(s.selectedDraft?.id == "d-1")
    }

    @Test func helpWorksInTheScheduleAndTheComparisonAndReturnsThere() {
        var s = state(as: "priya", ws: scheduled())
        _ = press(&s, .char("2"), .char("S"), .char("?"))
        let help = Screen.render(s).text()
        #expect(help.contains("Keys for the Schedule pane"))
        #expect(help.contains("move it to a new time"))
        _ = press(&s, .escape)
        #expect(s.mode == .schedule(scroll: 0))

        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.revisions.append(Revision(number: 2, text: "Story time at 11:00", author: "priya", at: Fixture.now))
        var c = state(as: "priya", ws: ws)
        _ = press(&c, .char("2"), .char("D"))
        #expect(Screen.render(c).lines()[22].contains("[ older"))
        _ = press(&c, .char("?"))
        #expect(Screen.render(c).text().contains("older revision on the left"))
        _ = press(&c, .escape)
        guard case .compare = c.mode else { Issue.record("help did not return to the comparison: \(c.mode)"); return }
    }
}
