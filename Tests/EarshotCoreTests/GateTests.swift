import EarshotCore
import Foundation
import TestSupport
import Testing

/// The approval gate: publication is decided again, against every rule, at the
/// moment of publishing; approve-for-a-time is one decision; escalations go to comms.
@Suite struct GateTests {
    func decide(_ command: Command, by actor: String, in ws: Workspace, at now: Date = Fixture.now) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor), in: ws, at: now)
    }

    func apply(_ command: Command, by actor: String, to ws: inout Workspace, at now: Date = Fixture.now) throws {
        let change = try decide(command, by: actor, in: ws, at: now).get()
        ws.apply(Event(seq: ws.seq + 1, at: now, actor: actor, change: change))
    }

    func refusal(_ result: Result<Change, Refusal>) -> Refusal? {
        if case .failure(let r) = result { return r }
        return nil
    }

    // Failure 1: an approved post with no approvals recorded is published.
    @Test func aPostWithoutItsApprovalsIsNotPublished() {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.drafts["d-1"]?.state = .approved
        #expect(refusal(decide(.publish(draft: "d-1", files: ["outbox/d-1.x.json"]), by: "elena", in: ws))?.rule == "publish.approvals")
        guard case .sendBack(let r) = Rules.publishVerdict(ws.drafts["d-1"]!, in: ws, at: Fixture.now) else {
            Issue.record("it goes back to its author")
            return
        }
        #expect(r.message.contains("needs 2 approvals"))
    }

    @Test func approvalsMustBeByDifferentCommsOfficersOnThisRevision() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        try apply(.approve(draft: "d-1", revision: 1), by: "priya", to: &ws)
        try apply(.approve(draft: "d-1", revision: 1), by: "morgan", to: &ws)
        #expect(Rules.publishVerdict(ws.drafts["d-1"]!, in: ws, at: Fixture.now) == .ready)
        // Morgan has since left comms: their approval no longer counts.
        ws.staff = ws.staff.map { $0.login == "morgan" ? StaffMember(login: "morgan", name: "Morgan Ellis", role: .staff, branch: "central") : $0 }
        #expect(refusal(decide(.publish(draft: "d-1", files: ["f"]), by: "elena", in: ws))?.rule == "publish.approvals")
    }

    @Test func aPostOverAChannelsLengthIsNotPublishedEvenWhenApproved() throws {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.revisions[0].text = String(repeating: "Winter reading for all ages. ", count: 11) // 319 characters
        // Approved as a store written before approvals checked length would hold it.
        ws.drafts["d-1"]?.state = .approved
        ws.drafts["d-1"]?.approvals = ["priya"]
        ws.drafts["d-1"]?.notes = [ReviewNote(by: "priya", at: Fixture.now, revision: 1, verdict: .approved, text: "")]
        #expect(refusal(decide(.publish(draft: "d-1", files: ["f"]), by: "elena", in: ws))?.rule == "publish.length")
    }

    @Test func aPostTooLongForAChannelCannotBeApproved() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.revisions[0].text = String(repeating: "Winter reading for all ages. ", count: 11) // 319 characters
        #expect(refusal(decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws))?.message == "too long for X: 319 of 280; send it back for a shorter text")
        #expect(refusal(decide(.approveAt(draft: "d-1", revision: 1, at: Fixture.now.addingTimeInterval(3600)), by: "priya", in: ws))?.rule == "review.length")
    }

    @Test func aReplyWhoseCommentIsGoneIsNotPublishedAsATopLevelPost() throws {
        var ws = Fixture.workspace()
        try apply(.reply(draft: "d-r", item: "i-1", text: "Yes, until 8pm", startedAt: Fixture.now), by: "aisha", to: &ws)
        try apply(.approve(draft: "d-r", revision: 1), by: "priya", to: &ws)
        ws.items["i-1"] = nil
        #expect(refusal(decide(.publish(draft: "d-r", files: ["f"]), by: "elena", in: ws))?.rule == "publish.reply-target")
    }

    @Test func theAuthorMustStillBeAllowedToDraftForEveryChannel() throws {
        var ws = Fixture.workspace()
        try apply(.approve(draft: "d-1", revision: 1), by: "priya", to: &ws)
        ws.config.draftChannels = ["staff": [.facebook]]
        #expect(refusal(decide(.publish(draft: "d-1", files: ["f"]), by: "elena", in: ws))?.rule == "policy.draft-channels")
    }

    @Test func aBlockedPostGoesBackToItsAuthorWithTheRuleNamed() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.drafts["d-1"]?.state = .approved
        try apply(.sendBack(draft: "d-1"), by: "elena", to: &ws)
        let draft = try #require(ws.drafts["d-1"])
        #expect(draft.state == .changesRequested)
        #expect(draft.notes.last?.verdict == .blocked)
        #expect(draft.notes.last?.text.contains("needs 2 approvals") == true)
        // Nobody can send back a post that is fine.
        try apply(.approve(draft: "d-3", revision: 1), by: "morgan", to: &ws)
        #expect(refusal(decide(.sendBack(draft: "d-3"), by: "elena", in: ws))?.rule == "publish.ready")
    }

    // Failure 2: approve-for-a-time is one decision.
    @Test func approveForAPastTimeApprovesNothing() {
        let ws = Fixture.workspace()
        let r = refusal(decide(.approveAt(draft: "d-1", revision: 1, at: Fixture.now.addingTimeInterval(-60)), by: "priya", in: ws))
        #expect(r?.rule == "schedule.past")
    }

    @Test func approveForATimeByStaffSetsNoTime() {
        let ws = Fixture.workspace()
        #expect(refusal(decide(.approveAt(draft: "d-1", revision: 1, at: Fixture.now.addingTimeInterval(3600)), by: "ben", in: ws))?.rule == "role.review")
    }

    @Test func approveForATimeRecordsTheTimeWithTheApproval() throws {
        var ws = Fixture.workspace()
        let later = Fixture.now.addingTimeInterval(Fixture.days(1))
        let change = try decide(.approveAt(draft: "d-1", revision: 1, at: later), by: "priya", in: ws).get()
        #expect(change == .approved(draft: "d-1", revision: 1, scheduledFor: later))
        ws.apply(Event(seq: 11, at: Fixture.now, actor: "priya", change: change))
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        #expect(ws.drafts["d-1"]?.scheduledFor == later)
        // A plain approval records the time it approved too (none: as soon as approved).
        #expect(try decide(.approve(draft: "d-3", revision: 1), by: "morgan", in: ws).get() == .approved(draft: "d-3", revision: 1, scheduledFor: nil))
    }

    @Test func movingAnApprovedPostsTimeClearsItsApprovals() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        let monday = Fixture.now.addingTimeInterval(Fixture.days(3))
        try apply(.approveAt(draft: "d-1", revision: 1, at: monday), by: "priya", to: &ws)
        try apply(.approve(draft: "d-1", revision: 1), by: "morgan", to: &ws)
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        // Morgan moves it: Priya's approval was for Monday, so it no longer stands.
        let tuesday = monday.addingTimeInterval(Fixture.days(1))
        try apply(.approveAt(draft: "d-1", revision: 1, at: tuesday), by: "morgan", to: &ws)
        let draft = try #require(ws.drafts["d-1"])
        #expect(draft.scheduledFor == tuesday)
        #expect(draft.approvals == ["morgan"])
        #expect(draft.state == .submitted, "it needs a second officer for the new time")
        // A plain reschedule by comms clears every approval.
        try apply(.approve(draft: "d-1", revision: 1), by: "priya", to: &ws)
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        try apply(.schedule(draft: "d-1", at: monday), by: "priya", to: &ws)
        #expect(ws.drafts["d-1"]?.approvals == [])
        #expect(ws.drafts["d-1"]?.state == .submitted)
    }

    // Failure 3: quiet hours and campaigns apply whenever the post goes out.
    @Test func aPlainApprovalInsideQuietHoursWaitsForThemToEnd() throws {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(quietHours: .init(from: "22:00", to: "07:00", severity: .blocking))
        let early = ISO8601DateFormatter().date(from: "2026-11-28T05:38:00Z")! // 05:38 in London
        try apply(.approve(draft: "d-1", revision: 1), by: "priya", to: &ws, at: early)
        guard case .wait(let until, _) = Rules.publishVerdict(ws.drafts["d-1"]!, in: ws, at: early) else {
            Issue.record("it must wait for the quiet hours to end")
            return
        }
        #expect(until == ISO8601DateFormatter().date(from: "2026-11-28T07:00:00Z"))
        #expect(refusal(decide(.publish(draft: "d-1", files: ["f"]), by: "elena", in: ws, at: early))?.rule == "policy.quiet-hours")
        #expect(Rules.publishVerdict(ws.drafts["d-1"]!, in: ws, at: until!) == .ready)
    }

    @Test func aCampaignAppliesToPostsWithoutATime() {
        var ws = Fixture.workspace()
        let from = Fixture.now.addingTimeInterval(-Fixture.days(1)), to = Fixture.now.addingTimeInterval(Fixture.days(7))
        ws.config.postPolicy = PostPolicy(campaigns: [.init(name: "Winter Reading", hashtags: ["#WinterReads"], from: from, to: to, severity: .blocking)])
        ws.drafts["d-2"]?.state = .draft
        #expect(refusal(decide(.submit(draft: "d-2"), by: "ben", in: ws))?.rule == "policy.campaign-hashtag")
        #expect(refusal(decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws))?.rule == "policy.campaign-hashtag")
    }

    // Failure 4: a reply to an escalated item goes through comms.
    @Test func staffRepliesToAnEscalatedItemNeedApprovalWhateverTheRoute() throws {
        var ws = Fixture.workspace()
        ws.config.replyRoutes = ["bluesky": .direct]
        guard case .replyDrafted(let draft, let direct) = try decide(.reply(draft: "d-r", item: "i-4", text: "Sorry to hear that", startedAt: Fixture.now), by: "aisha", in: ws).get() else {
            Issue.record("expected a reply")
            return
        }
        #expect(!direct)
        #expect(draft.state == .submitted)
        try apply(.reply(draft: "d-r", item: "i-4", text: "Sorry to hear that", startedAt: Fixture.now), by: "aisha", to: &ws)
        #expect(ws.items["i-4"]?.status == .escalated, "only comms resolves the escalation")
    }

    @Test func aDirectReplyIsCheckedAgainWhenItIsPublished() throws {
        var ws = Fixture.workspace()
        ws.config.replyRoutes = ["x": .direct]
        try apply(.reply(draft: "d-r", item: "i-1", text: "Yes, until 8pm", startedAt: Fixture.now), by: "aisha", to: &ws)
        #expect(Rules.publishVerdict(ws.drafts["d-r"]!, in: ws, at: Fixture.now) == .ready)
        ws.config.replyRoutes = nil // the route now needs approval
        #expect(refusal(decide(.publish(draft: "d-r", files: ["f"]), by: "elena", in: ws))?.rule == "publish.approvals")
    }
}

/// The publisher is a machine: its decisions are recorded as `publish`, it may take
/// only the gate's own steps, and nobody can use its name to approve.
@Suite struct PublisherActorTests {
    @Test func thePublisherMayPublishExpireAndSendBackButNothingElse() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .approved
        ws.drafts["d-1"]?.approvals = ["priya"]
        ws.drafts["d-1"]?.notes = [ReviewNote(by: "priya", at: Fixture.now, revision: 1, verdict: .approved, text: "")]
        func decide(_ command: Command) -> Result<Change, Refusal> {
            Rules.decide(Request(command, by: Rules.publisherActor), in: ws, at: Fixture.now)
        }
        #expect((try? decide(.publish(draft: "d-1", files: ["outbox/d-1.x.json"])).get()) != nil)
        for command: Command in [.approve(draft: "d-3", revision: 1), .triage(item: "i-1", to: .handled), .submit(draft: "d-2")] {
            guard case .failure(let r) = decide(command) else {
                Issue.record("the publisher must not \(command.summary)")
                continue
            }
            #expect(r.rule == "identity.machine")
        }
    }
}
