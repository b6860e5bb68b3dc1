import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Drafts and approvals in the console: writing posts, approving for a time,
/// the schedule, revision diffs and live notices to authors.
@Suite struct ApprovalFlowTests {
    @Test func aNewPostIsCreatedAndSubmittedForItsChannels() {
        var s = state()
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("n")))
        type(&s, "Half-term crafts")
        _ = s.update(.key(.escape))
        _ = s.update(.key(.char("h")))
        _ = s.update(.key(.ctrl("u")))
        type(&s, "facebook bsky")
        _ = s.update(.key(.enter))
        #expect(s.message?.text == "no channel 'bsky'; try x facebook mastodon bluesky flickr blog")
        #expect(s.mode == .compose, "back in the post's menu")
        _ = s.update(.key(.char("h")))
        _ = s.update(.key(.ctrl("u")))
        type(&s, "facebook bluesky")
        _ = s.update(.key(.enter))
        let effects = s.update(.key(.char("y")))
        let id = "d-aisha-11"
        #expect(effects == [.send([
            Request(.createDraft(id: id, channels: [.facebook, .bluesky], text: "Half-term crafts", inReplyTo: nil), by: "aisha"),
            Request(.submit(draft: id), by: "aisha"),
        ])])
    }

    @Test func theAuthorRevisesAndResubmitsADraftSentBack() {
        var ws = Fixture.workspace()
        ws.drafts["d-2"]?.state = .changesRequested
        var s = state(as: "ben", ws: ws)
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("G")))
        #expect(s.selectedDraft?.id == "d-2")
        _ = s.update(.key(.char("e")))
        type(&s, " From 9am.")
        _ = s.update(.key(.escape))
        #expect(s.update(.key(.char("y"))) == [.send([
            Request(.revise(draft: "d-2", text: "Northgate is closed on Monday for staff training. From 9am."), by: "ben", basedOn: 1),
            Request(.submit(draft: "d-2"), by: "ben"),
        ])])
    }

    @Test func staffCannotEditSomeoneElsesDraft() {
        var s = state(as: "ben")
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("e")))
        // The refusal stays until read, so the text typed next never runs as commands.
        #expect(s.mode == .prompt(Prompt(purpose: .refused, label: "Refused: only the author or a comms officer can edit a draft (Enter or Esc)")))
        #expect(press(&s, .char("x"), .char("o")).isEmpty)
        #expect(s.composer == nil)
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
    }

    @Test func approvingForATimeIsOneRequest() {
        var s = state(as: "priya")
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("A")))
        type(&s, "2026-12-01 09:30")
        let effects = s.update(.key(.enter))
        var london = Calendar(identifier: .gregorian)
        london.timeZone = TimeZone(identifier: "Europe/London")!
        let at = london.date(from: DateComponents(year: 2026, month: 12, day: 1, hour: 9, minute: 30))!
        #expect(effects == [.send([Request(.approveAt(draft: "d-1", revision: 1, at: at), by: "priya", basedOn: 1)])])
    }

    @Test func aBadTimeKeepsThePromptOpen() {
        var s = state(as: "priya")
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("A")))
        type(&s, "tomorrow")
        #expect(s.update(.key(.enter)).isEmpty)
        guard case .prompt = s.mode else { Issue.record("prompt must stay"); return }
        #expect(s.message?.text.contains("2026-12-01 09:30") == true)
    }

    @Test func authorsHearWhatReviewersDidInAnotherSession() {
        var s = state(as: "aisha")
        var ws = s.workspace
        let event = Event(seq: 11, at: Fixture.now, actor: "priya", change: .changesRequested(draft: "d-1", revision: 1, comment: "Add the room"))
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
        #expect(s.message == StatusMessage("Priya Nair asked for changes to revision 1 of your d-1: Add the room", .warning))
    }

    @Test func theScheduleListsApprovedPostsByDay() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .scheduled
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(Fixture.days(3))
        ws.drafts["d-3"]?.state = .approved
        var s = state(as: "priya", ws: ws)
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("S")))
        let frame = Screen.render(s)
        #expect(frame.text().contains("At the next publish run"))
        #expect(frame.text().contains("Mon 30 Nov"))
        assertScreen(frame, named: "schedule")
    }

    @Test func revisionsCompareWordByWord() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.revisions.append(Revision(number: 2, text: "Story time is back at Central on Saturday at 11:00, with songs!", author: "priya", at: Fixture.now))
        var s = state(as: "priya", ws: ws)
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("D")))
        let frame = Screen.render(s)
        #expect(frame.text().contains("[-10:30!-]"))
        #expect(frame.text().contains("{+11:00,"))
        assertScreen(frame, named: "diff")
    }

    @Test func theWordDiffIsWorkedOutWhenRevisionsArePickedAndKeptForRedraws() {
        var ws = Fixture.workspace()
        let r1 = ws.drafts["d-1"]!.current.text
        let r2 = "Story time is back, with songs!"
        let r3 = "Story time moves to Saturday."
        ws.drafts["d-1"]?.revisions.append(Revision(number: 2, text: r2, author: "priya", at: Fixture.now))
        ws.drafts["d-1"]?.revisions.append(Revision(number: 3, text: r3, author: "priya", at: Fixture.now))
        var s = state(as: "priya", ws: ws)
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("D")))
        guard case .compare(let shown) = s.mode else { Issue.record("not comparing"); return }
        #expect(shown.spans == WordDiff.diff(r2, r3))
        _ = s.update(.key(.char("[")))
        guard case .compare(let older) = s.mode else { Issue.record("not comparing"); return }
        #expect((older.from, older.to) == (1, 3))
        #expect(older.spans == WordDiff.diff(r1, r3))
    }

    @Test func theQueueCanBeOrderedByScheduledTime() {
        var ws = Fixture.workspace()
        ws.drafts["d-3"]?.scheduledFor = Fixture.now.addingTimeInterval(3600)
        var s = state(as: "priya", ws: ws)
        #expect(Array(s.draftOrder.prefix(2)) == ["d-1", "d-3"], "longest wait first")
        _ = s.update(.key(.char("2")))
        _ = s.update(.key(.char("o")))
        #expect(Array(s.draftOrder.prefix(2)) == ["d-3", "d-1"], "soonest due first")
        #expect(s.selectedDraft?.id == "d-1", "the cursor stays on its draft")
    }
}
