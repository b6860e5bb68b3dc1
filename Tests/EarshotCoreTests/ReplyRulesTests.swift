import EarshotCore
import Foundation
import TestSupport
import Testing

/// Replies, notes and undo: the rules behind inbox triage.
@Suite struct ReplyRulesTests {
    func decide(_ command: Command, by actor: String, basedOn: Int? = nil, in ws: Workspace = Fixture.workspace()) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor, basedOn: basedOn), in: ws, at: Fixture.now)
    }

    func reply(_ text: String = "Yes, until 8pm", item: String = "i-1", startedAt: Date = Fixture.now) -> Command {
        .reply(draft: "d-r", item: item, text: text, startedAt: startedAt)
    }

    @Test func staffRepliesGoThroughApprovalByDefault() throws {
        guard case .replyDrafted(let draft, let direct) = try decide(reply(), by: "aisha").get() else { Issue.record("expected a reply"); return }
        #expect(!direct)
        #expect(draft.state == .submitted)
        #expect(draft.inReplyTo == "i-1")
        #expect(draft.channels == [.x])
    }

    @Test func aChannelCanLetStaffReplyDirectly() throws {
        var ws = Fixture.workspace()
        ws.config.replyRoutes = ["x": .direct]
        guard case .replyDrafted(let draft, let direct) = try decide(reply(), by: "aisha", in: ws).get() else { Issue.record("expected a reply"); return }
        #expect(direct)
        #expect(draft.state == .approved)
        var after = ws
        after.apply(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .replyDrafted(draft: draft, direct: true)))
        #expect(after.items["i-1"]?.status == .replied)
        #expect(ListeningSummary(after, now: Fixture.now).repliesThisWeek == ListeningSummary(ws, now: Fixture.now).repliesThisWeek + 1)
    }

    @Test func commsRepliesAlwaysGoDirectly() throws {
        guard case .replyDrafted(_, let direct) = try decide(reply(), by: "priya").get() else { Issue.record("expected a reply"); return }
        #expect(direct)
    }

    @Test func aReplyOverThePlatformLimitIsRefusedWithTheCount() {
        guard case .failure(let r) = decide(reply(String(repeating: "a", count: 290)), by: "aisha") else { Issue.record("must refuse"); return }
        #expect(r.rule == "reply.length")
        #expect(r.message == "too long for X: 290 of 280, 10 over")
    }

    @Test func aReplyIsStoppedWhenSomeoneElseRepliedMeanwhile() {
        var ws = Fixture.workspace()
        ws.drafts["d-ben"] = Draft(id: "d-ben", author: "ben", branch: "northgate", channels: [.x],
                                   revisions: [Revision(number: 1, text: "Yes!", author: "ben", at: Fixture.now)],
                                   state: .submitted, createdAt: Fixture.now, inReplyTo: "i-1")
        let started = Fixture.now.addingTimeInterval(-60)
        guard case .failure(let r) = decide(reply(startedAt: started), by: "aisha", in: ws) else { Issue.record("must refuse"); return }
        #expect(r.rule == "reply.collision")
        #expect(r.message.hasPrefix("Ben Okafor replied to this while you were writing (d-ben)"))
        // A reply begun after Ben's is not a collision: Aisha saw it.
        #expect((try? decide(reply(startedAt: Fixture.now.addingTimeInterval(1)), by: "aisha", in: ws).get()) != nil)
    }

    @Test func notesNeedTextAndATarget() {
        #expect((try? decide(.note(item: "i-1", text: "Rang them"), by: "aisha").get()) != nil)
        if case .failure(let r) = decide(.note(item: "i-1", text: " "), by: "aisha") { #expect(r.rule == "text.empty") } else { Issue.record("empty note") }
        if case .failure(let r) = decide(.note(item: "i-9", text: "x"), by: "aisha") { #expect(r.rule == "item.missing") } else { Issue.record("missing item") }
        var ws = Fixture.workspace()
        ws.apply(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .noted(item: "i-1", note: InternalNote(by: "aisha", at: Fixture.now, text: "Rang them"))))
        #expect(ws.items["i-1"]?.notes.map(\.text) == ["Rang them"])
    }

    @Test func undoRestoresEvenNewButOnlyYourOwnLatestChange() throws {
        var ws = Fixture.workspace()
        ws.apply(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .triaged(item: "i-1", from: .new, to: .handled)))
        #expect(try decide(.revert(item: "i-1", to: .new, undoing: 11), by: "aisha", basedOn: 11, in: ws).get()
            == .reverted(item: "i-1", from: .handled, to: .new, undoing: 11))
        // Ben changed it since: Aisha's undo is refused, naming him.
        ws.apply(Event(seq: 12, at: Fixture.now, actor: "ben", change: .assigned(item: "i-1", to: "ben")))
        guard case .failure(let r) = decide(.revert(item: "i-1", to: .new, undoing: 11), by: "aisha", basedOn: 11, in: ws) else { Issue.record("must refuse"); return }
        #expect(r.rule == "stale")
        #expect(r.message.hasPrefix("Ben Okafor changed i-1"))
        // Nobody undoes someone else's change.
        guard case .failure(let r2) = decide(.revert(item: "i-1", to: .new, undoing: 12), by: "aisha", basedOn: 12, in: ws) else { Issue.record("must refuse"); return }
        #expect(r2.rule == "undo.not-yours")
    }

    @Test func undoingAHandleTakesBackHandledToday() {
        var ws = Fixture.workspace()
        ws.apply(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .triaged(item: "i-1", from: .new, to: .handled)))
        let handled = ListeningSummary(ws, now: Fixture.now).handledToday
        ws.apply(Event(seq: 12, at: Fixture.now, actor: "aisha", change: .reverted(item: "i-1", from: .handled, to: .new, undoing: 11)))
        #expect(ListeningSummary(ws, now: Fixture.now).handledToday == handled - 1)
        #expect(ws.items["i-1"]?.status == .new)
    }

    @Test func aConversationIncludesAncestorsRepliesAndTheLibrary() {
        var ws = Fixture.workspace()
        ws.items["t-1"] = Fixture.item("t-1", text: "Why close on Saturdays?", author: "Gareth", ago: Fixture.hours(10))
        ws.items["t-2"] = Fixture.item("t-2", text: "Nothing is decided yet.", author: "Harbourside", ago: Fixture.hours(9), inReplyTo: "t-1", fromLibrary: true)
        ws.items["t-3"] = Fixture.item("t-3", text: "Then say so!", author: "Derek", ago: Fixture.hours(8), inReplyTo: "t-2")
        ws.items["t-4"] = Fixture.item("t-4", text: "Agree with Gareth", author: "Ruth", ago: Fixture.hours(7), inReplyTo: "t-1")
        let thread = Conversation.thread(of: "t-3", in: ws)
        #expect(thread.map(\.id) == ["t-1", "t-2", "t-3", "t-4"])
        #expect(thread.map(\.fromLibrary) == [false, true, false, false])
        #expect(Conversation.thread(of: "i-1", in: ws).count == 1)
    }
}
