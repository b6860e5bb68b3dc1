import EarshotCore
import Foundation
import TestSupport
import Testing

/// Every workflow and permission rule, refusals included.
@Suite struct RulesTests {
    let ws = Fixture.workspace()

    func decide(_ command: Command, by actor: String, basedOn: Int? = nil, in ws: Workspace? = nil) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor, basedOn: basedOn), in: ws ?? self.ws, at: Fixture.now)
    }

    func refusal(_ result: Result<Change, Refusal>) -> Refusal? {
        if case .failure(let r) = result { return r }
        return nil
    }

    @Test func unknownLoginIsRefusedNotGuest() {
        let r = refusal(decide(.triage(item: "i-1", to: .handled), by: "mallory"))
        #expect(r?.rule == "identity.unknown")
        #expect(r?.message.contains("mallory") == true)
    }

    @Test func staffTriagesAnItem() {
        #expect(decide(.triage(item: "i-1", to: .handled), by: "aisha") == .success(.triaged(item: "i-1", from: .new, to: .handled)))
        #expect(decide(.triage(item: "i-1", to: .hidden), by: "aisha") == .success(.triaged(item: "i-1", from: .new, to: .hidden)))
        #expect(decide(.triage(item: "i-2", to: .escalated), by: "ben") == .success(.triaged(item: "i-2", from: .needsReply, to: .escalated)))
    }

    @Test func triageToSameStatusIsRefused() {
        #expect(refusal(decide(.triage(item: "i-2", to: .needsReply), by: "aisha"))?.rule == "triage.unchanged")
    }

    @Test func onlyCommsResolveEscalatedItems() {
        let r = refusal(decide(.triage(item: "i-4", to: .handled), by: "aisha"))
        #expect(r?.rule == "triage.escalated")
        #expect(r?.message == "escalated items are resolved by comms officers")
        #expect(decide(.triage(item: "i-4", to: .hidden), by: "priya") == .success(.triaged(item: "i-4", from: .escalated, to: .hidden)))
    }

    @Test func itemsCannotBeMarkedNewOrRepliedByHand() {
        #expect(refusal(decide(.triage(item: "i-2", to: .new), by: "aisha"))?.rule == "triage.new")
        #expect(refusal(decide(.triage(item: "i-2", to: .replied), by: "aisha"))?.rule == "triage.replied")
    }

    @Test func missingTargetsAreNamed() {
        let r = refusal(decide(.triage(item: "i-99", to: .handled), by: "aisha"))
        #expect(r?.rule == "item.missing")
        #expect(r?.message.contains("i-99") == true)
        #expect(refusal(decide(.approve(draft: "d-99", revision: 1), by: "priya"))?.rule == "draft.missing")
    }

    @Test func assignToColleagueOrBranchButNotAStranger() {
        #expect(decide(.assign(item: "i-1", to: "ben"), by: "aisha") == .success(.assigned(item: "i-1", to: "ben")))
        #expect(decide(.assign(item: "i-1", to: "northgate"), by: "aisha") == .success(.assigned(item: "i-1", to: "northgate")))
        #expect(refusal(decide(.assign(item: "i-1", to: "zed"), by: "aisha"))?.rule == "assign.unknown")
        #expect(refusal(decide(.assign(item: "i-1", to: nil), by: "aisha"))?.rule == "assign.unchanged")
    }

    @Test func tagsAreNormalisedAndNoOpsRefused() {
        #expect(decide(.tag(item: "i-1", add: [" Events "], remove: []), by: "aisha") == .success(.tagged(item: "i-1", added: ["events"], removed: [])))
        #expect(refusal(decide(.tag(item: "i-1", add: [], remove: ["nope"]), by: "aisha"))?.rule == "tag.unchanged")
    }

    @Test func staffCannotApprove() {
        let r = refusal(decide(.approve(draft: "d-1", revision: 1), by: "ben"))
        #expect(r?.rule == "role.review")
        #expect(r?.message == "only comms officers can approve drafts")
    }

    @Test func adminsCannotApproveEither() {
        #expect(refusal(decide(.approve(draft: "d-1", revision: 1), by: "elena"))?.rule == "role.review")
    }

    @Test func commsApprovesASubmittedDraft() {
        #expect(decide(.approve(draft: "d-1", revision: 1), by: "priya") == .success(.approved(draft: "d-1", revision: 1)))
    }

    @Test func fourEyesStopsApprovingYourOwnDraft() {
        let r = refusal(decide(.approve(draft: "d-3", revision: 1), by: "priya"))
        #expect(r?.rule == "policy.four-eyes")
        #expect(decide(.approve(draft: "d-3", revision: 1), by: "morgan") == .success(.approved(draft: "d-3", revision: 1)))
    }

    @Test func fourEyesCanBeSwitchedOff() {
        var relaxed = ws
        relaxed.config.policy.fourEyes = false
        #expect(decide(.approve(draft: "d-3", revision: 1), by: "priya", in: relaxed) == .success(.approved(draft: "d-3", revision: 1)))
    }

    @Test func onlySubmittedDraftsAreReviewed() {
        let r = refusal(decide(.approve(draft: "d-2", revision: 1), by: "priya"))
        #expect(r?.rule == "review.state")
        #expect(r?.message.contains("draft") == true)
    }

    @Test func reviewingAnOldRevisionIsRefused() {
        var w = ws
        w.drafts["d-1"]?.revisions.append(Revision(number: 2, text: "New text", author: "aisha", at: Fixture.now))
        let r = refusal(decide(.approve(draft: "d-1", revision: 1), by: "priya", in: w))
        #expect(r?.rule == "review.revision")
        #expect(r?.message.contains("revision 2") == true)
    }

    @Test func requestChangesAndRejectNeedWords() {
        #expect(refusal(decide(.requestChanges(draft: "d-1", revision: 1, comment: "  "), by: "priya"))?.rule == "text.empty")
        #expect(refusal(decide(.reject(draft: "d-1", revision: 1, reason: ""), by: "priya"))?.rule == "text.empty")
        #expect(decide(.requestChanges(draft: "d-1", revision: 1, comment: "Add the time"), by: "priya")
            == .success(.changesRequested(draft: "d-1", revision: 1, comment: "Add the time")))
        #expect(decide(.reject(draft: "d-1", revision: 1, reason: "Off brand"), by: "priya")
            == .success(.rejected(draft: "d-1", revision: 1, reason: "Off brand")))
        #expect(refusal(decide(.reject(draft: "d-1", revision: 1, reason: "No"), by: "aisha"))?.message == "only comms officers can reject drafts")
        // Staff are told the rule that matters, not that their comment was empty.
        #expect(refusal(decide(.requestChanges(draft: "d-1", revision: 1, comment: ""), by: "aisha"))?.rule == "role.review")
    }

    @Test func draftsAreEditedOnlyByAuthorOrComms() {
        #expect(refusal(decide(.revise(draft: "d-2", text: "Changed"), by: "aisha"))?.rule == "draft.edit")
        if case .success(.revised(_, let revision)) = decide(.revise(draft: "d-2", text: "Changed"), by: "ben") {
            #expect(revision.number == 1)  // never submitted: saving replaces its revision
            #expect(revision.author == "ben")
        } else {
            Issue.record("the author should be able to revise")
        }
        #expect((try? decide(.revise(draft: "d-2", text: "Changed"), by: "priya").get()) != nil)
        #expect(refusal(decide(.revise(draft: "d-2", text: "Northgate is closed on Monday for staff training."), by: "ben"))?.rule == "draft.unchanged")
    }

    @Test func closedDraftsCannotBeEdited() {
        var w = ws
        w.drafts["d-2"]?.state = .approved
        #expect(refusal(decide(.revise(draft: "d-2", text: "x"), by: "ben", in: w))?.rule == "draft.closed")
    }

    @Test func onlyTheAuthorSubmits() {
        #expect(decide(.submit(draft: "d-2"), by: "ben") == .success(.submitted(draft: "d-2", revision: 1)))
        #expect(refusal(decide(.submit(draft: "d-2"), by: "aisha"))?.rule == "draft.submit")
        #expect(refusal(decide(.submit(draft: "d-1"), by: "aisha"))?.message.contains("submitted draft cannot") == true)
    }

    @Test func createDraftChecksChannelsTextAndReplyTarget() {
        if case .success(.draftCreated(let d)) = decide(.createDraft(id: "d-9", channels: [.x], text: "Hi", inReplyTo: "i-1"), by: "aisha") {
            #expect(d.author == "aisha")
            #expect(d.branch == "central")
            #expect(d.state == .draft)
            #expect(d.inReplyTo == "i-1")
        } else {
            Issue.record("creating a draft should succeed")
        }
        #expect(refusal(decide(.createDraft(id: "d-9", channels: [], text: "Hi", inReplyTo: nil), by: "aisha"))?.rule == "draft.channels")
        #expect(refusal(decide(.createDraft(id: "d-1", channels: [.x], text: "Hi", inReplyTo: nil), by: "aisha"))?.rule == "draft.duplicate")
        #expect(refusal(decide(.createDraft(id: "d-9", channels: [.x], text: "Hi", inReplyTo: "i-77"), by: "aisha"))?.rule == "item.missing")
        let huge = String(repeating: "a", count: Rules.maxTextLength + 1)
        #expect(refusal(decide(.createDraft(id: "d-9", channels: [.x], text: huge, inReplyTo: nil), by: "aisha"))?.rule == "text.length")
    }

    @Test func receivingTheSamePlatformPostTwiceIsRefused() {
        var copy = ws.items["i-1"]!
        copy.id = "i-new"
        let r = refusal(decide(.receive(copy), by: "aisha"))
        #expect(r?.rule == "item.duplicate")
        #expect(r?.message.contains("i-1") == true)
    }

    @Test func staleCommandsNameWhoChangedTheTarget() {
        var w = ws
        w.items["i-1"]?.version = 12
        w.items["i-1"]?.changedBy = "ben"
        let r = refusal(decide(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 11, in: w))
        #expect(r?.rule == "stale")
        #expect(r?.message == "Ben Okafor changed i-1 since you loaded it; look again and retry")
        #expect((try? decide(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 12, in: w).get()) != nil)
    }
}
