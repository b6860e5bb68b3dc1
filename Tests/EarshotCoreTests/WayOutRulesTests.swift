import EarshotCore
import Foundation
import TestSupport
import Testing

/// Every state of a draft has a way out: withdraw, hold, channels, expiry, copy, save.
@Suite struct WayOutRulesTests {
    func decide(_ command: Command, by actor: String, in ws: Workspace, at now: Date = Fixture.now) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor), in: ws, at: now)
    }

    /// Decides and applies, failing the test on a refusal.
    func run(_ command: Command, by actor: String, in ws: inout Workspace, at now: Date = Fixture.now) {
        switch decide(command, by: actor, in: ws, at: now) {
        case .success(let change): ws.apply(Event(seq: ws.seq + 1, at: now, actor: actor, change: change))
        case .failure(let r): Issue.record("refused \(command.summary): \(r.rule) \(r.message)")
        }
    }

    func rule(_ result: Result<Change, Refusal>) -> String? {
        if case .failure(let r) = result { return r.rule }
        return nil
    }

    @Test func theAuthorWithdrawsASubmittedDraftToEditItInPeace() {
        var ws = Fixture.workspace()
        #expect(rule(decide(.withdraw(draft: "d-1"), by: "ben", in: ws)) == "draft.withdraw")
        #expect(rule(decide(.withdraw(draft: "d-2"), by: "ben", in: ws)) == "draft.withdraw")
        run(.withdraw(draft: "d-1"), by: "aisha", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .draft)
        #expect(ws.drafts["d-1"]?.approvals == [])
    }

    @Test func commsHoldAnApprovedPostBackIntoTheQueue() {
        var ws = Fixture.workspace()
        run(.approveAt(draft: "d-1", revision: 1, at: Fixture.now.addingTimeInterval(Fixture.days(1))), by: "priya", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        #expect(rule(decide(.hold(draft: "d-1"), by: "aisha", in: ws)) == "role.hold")
        #expect(rule(decide(.hold(draft: "d-2"), by: "priya", in: ws)) == "hold.state")
        run(.hold(draft: "d-1"), by: "morgan", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .submitted)
        #expect(ws.drafts["d-1"]?.approvals == [])
        #expect(ws.drafts["d-1"]?.notes.last?.verdict == .held)
        // The time stays, to be approved again or changed.
        #expect(ws.drafts["d-1"]?.scheduledFor == Fixture.now.addingTimeInterval(Fixture.days(1)))
    }

    @Test func channelsChangeWhileEditableWithinDraftChannels() {
        var ws = Fixture.workspace()
        ws.config.draftChannels = ["aisha": [.facebook, .mastodon]]
        ws.drafts["d-1"]?.approvals = ["morgan"]
        #expect(rule(decide(.setChannels(draft: "d-1", channels: [.x]), by: "aisha", in: ws)) == "policy.draft-channels")
        #expect(rule(decide(.setChannels(draft: "d-1", channels: []), by: "aisha", in: ws)) == "draft.channels")
        #expect(rule(decide(.setChannels(draft: "d-1", channels: [.x, .facebook]), by: "aisha", in: ws)) == "channels.unchanged")
        #expect(rule(decide(.setChannels(draft: "d-1", channels: [.mastodon]), by: "ben", in: ws)) == "draft.edit")
        run(.setChannels(draft: "d-1", channels: [.mastodon]), by: "aisha", in: &ws)
        #expect(ws.drafts["d-1"]?.channels == [.mastodon])
        #expect(ws.drafts["d-1"]?.approvals == [])
        ws.drafts["d-1"]?.state = .rejected
        #expect(rule(decide(.setChannels(draft: "d-1", channels: [.facebook]), by: "aisha", in: ws)) == "draft.closed")
    }

    @Test func anExpiredPostIsListedAsExpiredAndGoesOutAgainWithANewTime() {
        var ws = Fixture.workspace()
        let past = Fixture.now.addingTimeInterval(-Fixture.hours(1))
        ws.drafts["d-1"]?.scheduledFor = past
        run(.expire(draft: "d-1"), by: "elena", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .expired)
        #expect(ws.drafts["d-1"]?.state.isEditable == true)
        // Resubmitting with the old time would only expire again.
        #expect(rule(decide(.submit(draft: "d-1"), by: "aisha", in: ws)) == "schedule.passed")
        let later = Fixture.now.addingTimeInterval(Fixture.days(2))
        run(.schedule(draft: "d-1", at: later), by: "aisha", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .expired)
        run(.submit(draft: "d-1"), by: "aisha", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .submitted)
    }

    @Test func commsApproveAnExpiredPostForANewTime() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(-Fixture.hours(1))
        run(.expire(draft: "d-1"), by: "elena", in: &ws)
        #expect(rule(decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws)) == "schedule.passed")
        let later = Fixture.now.addingTimeInterval(Fixture.days(1))
        run(.approveAt(draft: "d-1", revision: 1, at: later), by: "priya", in: &ws)
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        #expect(ws.drafts["d-1"]?.scheduledFor == later)
    }

    @Test func aRejectedDraftIsCopiedIntoANewOne() {
        var ws = Fixture.workspace()
        #expect(rule(decide(.copyDraft(id: "d-9", from: "d-1"), by: "aisha", in: ws)) == "draft.copy")
        run(.reject(draft: "d-1", revision: 1, reason: "Wrong branch"), by: "priya", in: &ws)
        #expect(rule(decide(.copyDraft(id: "d-9", from: "d-1"), by: "ben", in: ws)) == "draft.copy")
        #expect(rule(decide(.copyDraft(id: "d-2", from: "d-1"), by: "aisha", in: ws)) == "draft.duplicate")
        run(.copyDraft(id: "d-9", from: "d-1"), by: "aisha", in: &ws)
        let copy = ws.drafts["d-9"]
        #expect(copy?.state == .draft)
        #expect(copy?.text == ws.drafts["d-1"]?.text)
        #expect(copy?.channels == ws.drafts["d-1"]?.channels)
        #expect(copy?.copiedFrom == "d-1")
        #expect(copy?.revisions.count == 1)
        #expect(ws.drafts["d-1"]?.state == .rejected)
    }

    @Test func savingANeverSubmittedDraftReplacesItsRevision() {
        var ws = Fixture.workspace()
        run(.revise(draft: "d-2", text: "Northgate is closed on Monday."), by: "ben", in: &ws)
        run(.revise(draft: "d-2", text: "Northgate is closed on Monday 30th."), by: "ben", in: &ws)
        #expect(ws.drafts["d-2"]?.revisions.count == 1)
        #expect(ws.drafts["d-2"]?.text == "Northgate is closed on Monday 30th.")
        // Once a reviewer has seen it, every change is a revision to compare.
        run(.submit(draft: "d-2"), by: "ben", in: &ws)
        run(.withdraw(draft: "d-2"), by: "ben", in: &ws)
        run(.revise(draft: "d-2", text: "Northgate is shut on Monday 30th."), by: "ben", in: &ws)
        #expect(ws.drafts["d-2"]?.revisions.count == 2)
    }

    @Test func eventsFromOlderJournalsStillDecode() throws {
        // An expiry written before the expired state existed, and a draft without copiedFrom.
        let line = #"{"seq":3,"at":"2026-11-27T15:30:00Z","actor":"elena","change":{"expired":{"draft":"d-1"}}}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let event = try decoder.decode(Event.self, from: Data(line.utf8))
        #expect(event.change == .expired(draft: "d-1"))
        var ws = Fixture.workspace()
        ws.apply(event)
        #expect(ws.drafts["d-1"]?.state == .expired)
    }
}
