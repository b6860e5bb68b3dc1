import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Officers are told, live, of what enters their queue; authors of expiry and delivery.
@Suite struct QueueNoticeTests {
    func deliver(_ change: Change, by actor: String, to s: inout AppState) {
        var ws = s.workspace
        let event = Event(seq: ws.seq + 1, at: Fixture.now, actor: actor, change: change)
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
    }

    @Test func officersHearOfSubmissionsResubmissionsEditsAndExpiry() {
        var s = state(as: "priya")
        deliver(.submitted(draft: "d-2", revision: 1), by: "ben", to: &s)
        #expect(s.message?.text == "Ben Okafor submitted d-2 for approval")
        deliver(.changesRequested(draft: "d-2", revision: 1, comment: "Say which Monday"), by: "morgan", to: &s)
        deliver(.revised(draft: "d-2", revision: Revision(number: 2, text: "Closed Monday 30th.", author: "ben", at: Fixture.now)), by: "ben", to: &s)
        deliver(.submitted(draft: "d-2", revision: 2), by: "ben", to: &s)
        #expect(s.message?.text == "Ben Okafor resubmitted d-2 (revision 2) after changes")
        deliver(.approved(draft: "d-1", revision: 1), by: "morgan", to: &s)
        deliver(.revised(draft: "d-1", revision: Revision(number: 2, text: "Story time at 11:00", author: "aisha", at: Fixture.now)), by: "aisha", to: &s)
        #expect(s.message?.text == "Aisha Rahman edited d-1, which had approvals; it needs approving again")
        s.workspace.drafts["d-3"]?.scheduledFor = Fixture.now.addingTimeInterval(-60)
        deliver(.expired(draft: "d-3"), by: "elena", to: &s)
        #expect(s.message?.text == "d-3 expired: its time passed before it was approved")
    }

    @Test func authorsHearOfExpiryAndDelivery() {
        var s = state(as: "aisha")
        deliver(.expired(draft: "d-1"), by: "elena", to: &s)
        #expect(s.message?.text.contains("d-1 was returned to you") == true)
        deliver(.published(draft: "d-1", files: ["outbox/d-1.x.json"]), by: "elena", to: &s)
        #expect(s.message?.text == "Elena Kowalski published your d-1")
    }
}

/// A status message too long for its line can be read whole in the log.
@Suite struct MessageLogTests {
    @Test func longMessagesAreReadWholeInTheLog() {
        var s = state(as: "priya")
        let long = "the posting policy blocks this: the text names a councillor, and posts about elected members go through the press office with the leader's approval first; ask before sending it again"
        let request = Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1)
        _ = s.update(.commandsFinished([Answer(request, .failure(Refusal("policy.names", long)))]))
        _ = press(&s, .char("j"))
        #expect(s.messageLog.map(\.text) == [long])
        _ = press(&s, .char("M"))
        let frame = Screen.render(s)
        #expect(frame.text().replacingOccurrences(of: "\n", with: " ").contains("ask before sending it again"))
        assertScreen(frame, named: "message-log")
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
        // In the palette too.
        _ = press(&s, .char(":"))
        type(&s, "message log")
        #expect(Screen.render(s).text().contains("message log: every status message"))
    }
}

/// On opening: what happened to your drafts and assigned items since your last action.
@Suite struct WhileAwayTests {
    @Test func theSummaryListsWhatOthersDidAndLReadsItWhole() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.notes.append(ReviewNote(by: "priya", at: Fixture.now.addingTimeInterval(-3600), revision: 1, verdict: .changesRequested, text: "Say which room"))
        ws.items["i-2"]?.assignee = "aisha"
        ws.items["i-2"]?.status = .replied
        ws.items["i-2"]?.changedBy = "ben"
        ws.items["i-2"]?.changedAt = Fixture.now.addingTimeInterval(-600)
        // Before aisha's last action: not news.
        ws.drafts["d-1"]?.notes.insert(ReviewNote(by: "morgan", at: Fixture.now.addingTimeInterval(-Fixture.days(2)), revision: 1, verdict: .approved, text: ""), at: 0)
        var s = state(as: "aisha", ws: ws)
        s.showWhileAway()
        #expect(s.mode == .normal, "the panes stay usable")
        #expect(s.message?.text == "While you were away: Priya Nair sent d-1 back for changes: Say which room (+1 more: L reads them)")
        _ = press(&s, .char("M"))
        #expect(s.messageLog.map(\.text) == [
            "While you were away (2):",
            "Priya Nair sent d-1 back for changes: Say which room",
            "Ruth Adeyemi's Facebook post assigned to you was replied to by Ben Okafor",
        ])
        assertScreen(Screen.render(s), named: "while-away")
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
    }

    @Test func nothingNewOpensNothing() {
        var s = state(as: "aisha")
        s.showWhileAway()
        #expect(s.mode == .normal)
        #expect(s.messageLog.isEmpty)
    }
}
