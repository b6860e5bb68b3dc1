import EarshotCore
import Foundation
import TestSupport
import Testing

/// Approvals that need several officers, scheduling, expiry and publishing.
@Suite struct PublishingRulesTests {
    func decide(_ command: Command, by actor: String, in ws: Workspace, at now: Date = Fixture.now) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor), in: ws, at: now)
    }

    func event(_ seq: Int, _ change: Change, by actor: String) -> Event {
        Event(seq: seq, at: Fixture.now, actor: actor, change: change)
    }

    @Test func aCorporateChannelNeedsTwoDifferentOfficers() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.apply(event(11, try decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws).get(), by: "priya"))
        #expect(ws.drafts["d-1"]?.state == .submitted, "one approval of two")
        guard case .failure(let again) = decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws) else { Issue.record("twice"); return }
        #expect(again.rule == "review.again")
        ws.apply(event(12, try decide(.approve(draft: "d-1", revision: 1), by: "morgan", in: ws).get(), by: "morgan"))
        #expect(ws.drafts["d-1"]?.state == .approved)
        #expect(ws.drafts["d-1"]?.approvals == ["priya", "morgan"])
    }

    @Test func aNewRevisionNeedsItsApprovalsAfresh() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.apply(event(11, .approved(draft: "d-1", revision: 1), by: "priya"))
        ws.apply(event(12, .revised(draft: "d-1", revision: Revision(number: 2, text: "New", author: "morgan", at: Fixture.now)), by: "morgan"))
        #expect(ws.drafts["d-1"]?.approvals == [])
    }

    @Test func whoMayDraftForWhichChannel() {
        var ws = Fixture.workspace()
        ws.config.draftChannels = ["staff": [.facebook, .mastodon], "priya": Channel.allCases]
        guard case .failure(let r) = decide(.createDraft(id: "d-9", channels: [.x], text: "Hi", inReplyTo: nil), by: "aisha", in: ws) else { Issue.record("must refuse"); return }
        #expect(r.rule == "policy.draft-channels")
        #expect(r.message == "store.json does not let aisha draft for X")
        #expect((try? decide(.createDraft(id: "d-9", channels: [.facebook], text: "Hi", inReplyTo: nil), by: "aisha", in: ws).get()) != nil)
        #expect((try? decide(.createDraft(id: "d-9", channels: [.x], text: "Hi", inReplyTo: nil), by: "priya", in: ws).get()) != nil)
    }

    @Test func schedulingIsForTheAuthorOrCommsAndNeverInThePast() {
        let ws = Fixture.workspace()
        let later = Fixture.now.addingTimeInterval(Fixture.days(1))
        #expect((try? decide(.schedule(draft: "d-2", at: later), by: "ben", in: ws).get()) == .scheduled(draft: "d-2", at: later))
        #expect((try? decide(.schedule(draft: "d-1", at: later), by: "priya", in: ws).get()) != nil)
        guard case .failure(let r1) = decide(.schedule(draft: "d-2", at: later), by: "aisha", in: ws) else { Issue.record("not hers"); return }
        #expect(r1.rule == "schedule.role")
        guard case .failure(let r2) = decide(.schedule(draft: "d-2", at: Fixture.now.addingTimeInterval(-60)), by: "ben", in: ws) else { Issue.record("past"); return }
        #expect(r2.rule == "schedule.past")
    }

    @Test func approvingAScheduledDraftSchedulesIt() {
        var ws = Fixture.workspace()
        let later = Fixture.now.addingTimeInterval(Fixture.days(1))
        ws.apply(event(11, .scheduled(draft: "d-1", at: later), by: "aisha"))
        ws.apply(event(12, .approved(draft: "d-1", revision: 1), by: "priya"))
        #expect(ws.drafts["d-1"]?.state == .scheduled)
        #expect(ws.drafts["d-1"]?.scheduledFor == later)
    }

    @Test func aSubmittedPostPastItsTimeExpiresBackToItsAuthor() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(-60)
        #expect((try? decide(.expire(draft: "d-1"), by: "elena", in: ws).get()) == .expired(draft: "d-1"))
        ws.apply(event(11, .expired(draft: "d-1"), by: "elena"))
        #expect(ws.drafts["d-1"]?.state == .expired)
        #expect(ws.drafts["d-1"]?.notes.last?.verdict == .expired)
        guard case .failure(let r) = decide(.expire(draft: "d-3"), by: "elena", in: ws) else { Issue.record("not due"); return }
        #expect(r.rule == "expire.not-due")
    }

    @Test func aPostWhoseTimeHasPassedCannotBeApprovedLate() {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(-60)
        guard case .failure(let r) = decide(.approve(draft: "d-1", revision: 1), by: "priya", in: ws) else { Issue.record("late"); return }
        #expect(r.rule == "schedule.passed")
    }

    @Test func onlyApprovedDuePostsArePublished() {
        var ws = Fixture.workspace()
        guard case .failure(let r1) = decide(.publish(draft: "d-1", files: ["outbox/d-1.x.json"]), by: "elena", in: ws) else { Issue.record("not approved"); return }
        #expect(r1.rule == "publish.state")
        ws.apply(event(11, .approved(draft: "d-1", revision: 1), by: "priya"))
        ws.drafts["d-1"]?.scheduledFor = Fixture.now.addingTimeInterval(60)
        guard case .failure(let r2) = decide(.publish(draft: "d-1", files: ["f"]), by: "elena", in: ws) else { Issue.record("early"); return }
        #expect(r2.rule == "publish.early")
        ws.drafts["d-1"]?.scheduledFor = nil
        let posts = ListeningSummary(ws, now: Fixture.now).postsThisWeek
        ws.apply(event(12, .published(draft: "d-1", files: ["outbox/d-1.x.json"]), by: "elena"))
        #expect(ws.drafts["d-1"]?.state == .published)
        #expect(ListeningSummary(ws, now: Fixture.now).postsThisWeek == posts + 1)
    }
}
