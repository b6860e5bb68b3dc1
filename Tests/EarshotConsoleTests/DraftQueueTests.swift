import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// The review queue a press officer clears: what each row says, where the cursor
/// goes after a decision, the filter, and the keys offered to each role.
@Suite struct DraftQueueTests {
    /// Two officers needed for X; d-1 has one; d-3 goes out tomorrow; d-4 expired; d-5 is for next year.
    func queue() -> Workspace {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.drafts["d-1"]?.approvals = ["morgan"]
        ws.drafts["d-3"]?.scheduledFor = Fixture.now.addingTimeInterval(Fixture.hours(18))
        var expired = Fixture.draft("d-4", author: "ben", state: .expired, text: "Quiz night at Northgate.", channels: [.facebook])
        expired.scheduledFor = Fixture.now.addingTimeInterval(-Fixture.hours(2))
        var later = Fixture.draft("d-5", author: "aisha", state: .scheduled, text: "New year, new library card.", channels: [.mastodon])
        later.scheduledFor = ISO8601DateFormatter().date(from: "2027-06-01T08:30:00Z")
        ws.drafts["d-4"] = expired
        ws.drafts["d-5"] = later
        return ws
    }

    func event(_ change: Change, by actor: String, seq: Int = 11) -> Event {
        Event(seq: seq, at: Fixture.now, actor: actor, change: change)
    }

    @Test func rowsShowApprovalsExpiryAndTimesInStoreTime() {
        var s = state(as: "priya", ws: queue())
        _ = press(&s, .char("2"))
        assertScreen(Screen.render(s), named: "drafts-queue")
    }

    @Test func theDetailShowsTheTimeAsTypedWithItsYear() {
        var s = state(as: "priya", ws: queue())
        _ = press(&s, .char("2"))
        while s.selectedDraft?.id != "d-5", s.drafts.index < s.draftOrder.count - 1 { _ = press(&s, .char("j")) }
        let text = Screen.render(s).lines().joined(separator: "\n")
        // 08:30 UTC on 1 June is 09:30 in London (summer time), and not this year.
        #expect(text.contains("Scheduled for Tue 1 Jun 09:30 2027 (Europe/London)"))
        #expect(!text.contains("2027-06-01T08:30:00Z"))
    }

    @Test func afterADecisionTheCursorGoesToTheNextWaitingDraft() {
        var ws = queue()
        var s = state(as: "priya", ws: ws)
        _ = press(&s, .char("2"))
        #expect(s.selectedDraft?.id == "d-1")
        let approve = Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1)
        let done = event(.approved(draft: "d-1", revision: 1), by: "priya")
        ws.apply(done)
        _ = s.update(.storeChanged(ws, events: [done]))
        _ = s.update(.commandsFinished([Answer(approve, .success(done))]))
        // d-1 is approved and left the queue; the cursor did not follow it.
        #expect(ws.drafts["d-1"]?.state == .approved)
        #expect(s.selectedDraft?.id == "d-3")
    }

    @Test func aFirstOfTwoApprovalsAlsoMovesOn() {
        var ws = queue()
        ws.drafts["d-1"]?.approvals = []
        var s = state(as: "priya", ws: ws)
        _ = press(&s, .char("2"))
        let approve = Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1)
        let done = event(.approved(draft: "d-1", revision: 1), by: "priya")
        ws.apply(done)
        _ = s.update(.storeChanged(ws, events: [done]))
        _ = s.update(.commandsFinished([Answer(approve, .success(done))]))
        #expect(ws.drafts["d-1"]?.state == .submitted)
        #expect(s.selectedDraft?.id == "d-3")
    }

    @Test func theFilterNarrowsTheQueueAndSaysSo() {
        var s = state(as: "priya", ws: queue())
        _ = press(&s, .char("2"), .char("F"))
        type(&s, "needs:second-approval")
        _ = press(&s, .enter)
        #expect(s.draftOrder == ["d-1"])
        assertScreen(Screen.render(s), named: "drafts-filtered")
        _ = press(&s, .char("0"))
        #expect(s.draftOrder.count == 5)
    }

    @Test func viewsAndSlashWorkInTheDraftsPaneAsInTheInbox() {
        var s = state(as: "priya", ws: queue())
        _ = press(&s, .char("2"), .char("7"))
        #expect(s.draftOrder == ["d-4"])
        #expect(s.message?.text.hasPrefix("Expired or sent back: 1 drafts") == true)
        _ = press(&s, .char("3"))
        #expect(s.draftOrder == ["d-1", "d-3"])
        _ = press(&s, .char("0"), .char("/"))
        _ = press(&s, .ctrl("u"))
        type(&s, "quiz")
        _ = press(&s, .enter)
        #expect(s.draftOrder == ["d-4"])
    }

    @Test func aBadFilterNamesTheTermAndKeepsThePrompt() {
        var s = state(as: "priya", ws: queue())
        _ = press(&s, .char("2"), .char("F"))
        type(&s, "state:pending")
        _ = press(&s, .enter)
        guard case .prompt(let p) = s.mode else { Issue.record("prompt closed"); return }
        #expect(p.purpose == .draftFilter)
        #expect(s.message?.text.contains("no state 'pending'") == true)
    }

    @Test func staffAreOfferedSubmitNotApprove() {
        var s = state(as: "ben", ws: queue())
        _ = press(&s, .char("2"))
        assertScreen(Screen.render(s), named: "drafts-staff")
        let hints = Screen.render(s).lines()[22]
        #expect(hints.contains("s submit"))
        #expect(!hints.contains("approve"))
    }

    @Test func submitWithdrawHoldAndCopySendTheirCommands() {
        var s = state(as: "ben", ws: queue())
        _ = press(&s, .char("2"))
        while s.selectedDraft?.id != "d-2" { _ = press(&s, .char("j")) }
        #expect(press(&s, .char("s")) == [.send([Request(.submit(draft: "d-2"), by: "ben", basedOn: 1)])])
        var c = state(as: "priya", ws: queue())
        _ = press(&c, .char("2"))
        while c.selectedDraft?.id != "d-5" { _ = press(&c, .char("j")) }
        #expect(press(&c, .char("h")) == [.send([Request(.hold(draft: "d-5"), by: "priya", basedOn: 0)])])
        #expect(press(&c, .char("U")) == [.send([Request(.schedule(draft: "d-5", at: nil), by: "priya", basedOn: 0)])])
    }
}
