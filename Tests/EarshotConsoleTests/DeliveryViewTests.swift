@testable import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Where each approved post is, per channel, without opening a log; comms retry or
/// withdraw a failed one; a reply shows on its comment as sent, with its link.
struct DeliveryViewTests {
    func delivered() -> Workspace {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .published
        ws.drafts["d-1"]?.channels = [.x, .facebook, .bluesky, .mastodon]
        ws.drafts["d-1"]?.publishedAt = Fixture.now.addingTimeInterval(-600)
        var x = Delivery(channel: .x, state: .delivered, key: "k", attempts: 1, at: Fixture.now.addingTimeInterval(-300))
        x.url = "https://x.example/testlibs/status/42"
        var fb = Delivery(channel: .facebook, state: .failed, key: "k", attempts: 2, at: Fixture.now.addingTimeInterval(-120))
        fb.reason = "login refused: the Page token has expired"
        fb.willRetry = true
        fb.nextTry = Fixture.now.addingTimeInterval(900)
        let bsky = Delivery(channel: .bluesky, state: .sending, key: "3k", attempts: 1, at: Fixture.now.addingTimeInterval(-5))
        ws.drafts["d-1"]?.deliveries = [x, fb, bsky]
        // A reply to i-2 that is out.
        var reply = Draft(id: "d-9", author: "priya", branch: nil, channels: [.facebook],
                          revisions: [Revision(number: 1, text: "Thanks, fixed now.", author: "priya", at: Fixture.now)],
                          state: .published, createdAt: Fixture.now, inReplyTo: "i-2")
        var sent = Delivery(channel: .facebook, state: .delivered, key: "k", attempts: 1, at: Fixture.now.addingTimeInterval(-60))
        sent.url = "https://www.facebook.com/1000_7_12"
        reply.deliveries = [sent]
        ws.drafts["d-9"] = reply
        return ws
    }

    func onD1(_ login: String) -> AppState {
        var s = state(as: login, size: Size(width: 120, height: 40), ws: delivered())
        _ = press(&s, .char("2"), .char("0"))
        var guardSteps = 0
        while s.selectedDraft?.id != "d-1", guardSteps < 20 { _ = press(&s, .char("j")); guardSteps += 1 }
        return s
    }

    @Test func theDraftShowsEachChannelDeliveredSendingFailedOrWaiting() {
        let s = onD1("priya")
        #expect(s.selectedDraft?.id == "d-1")
        let screen = Screen.render(s).lines().joined(separator: "\n")
        // The link on a line of its own when the pane is narrow, whole, so it can be copied.
        #expect(screen.contains("X: delivered 5m ago:"))
        #expect(screen.contains("│https://x.example/testlibs/status/42"))
        #expect(screen.contains("Facebook: FAILED: login refused: the Page token"))
        #expect(screen.contains("has expired; next try Fri 27 Nov 15:45"))
        #expect(screen.contains("Bluesky: sending (try 1"))
        #expect(screen.contains("Mastodon: waiting to be sent"))
        #expect(screen.contains("R tries a failed post again; W withdraws it"))
        assertScreen(Screen.render(s), named: "drafts-delivery")
    }

    @Test func staffSeeTheFailureButNotTheCommsKeys() {
        let s = onD1("aisha")
        let screen = Screen.render(s).lines().joined(separator: "\n")
        #expect(screen.contains("FAILED: login refused"))
        #expect(!screen.contains("R tries a failed post again"))
    }

    @Test func commsRetryTheFailedChannelAndWithdrawWhatHasNotGoneOut() {
        var s = onD1("priya")
        #expect(press(&s, .char("R")) == [.send([Request(.retryDelivery(draft: "d-1", channel: .facebook), by: "priya")])])
        // Not the one mid-send (it may be on the platform already) nor the delivered one.
        #expect(press(&s, .char("W")) == [.send([Request(.withdrawDelivery(draft: "d-1", channel: .facebook), by: "priya"),
                                                  Request(.withdrawDelivery(draft: "d-1", channel: .mastodon), by: "priya")])])
    }

    @Test func aReplyShowsOnItsCommentAsSentWithItsLink() {
        var s = state(as: "priya", size: Size(width: 120, height: 40), ws: delivered())
        var steps = 0
        while s.selectedItem?.id != "i-2", steps < 20 { _ = press(&s, .char("j")); steps += 1 }
        let screen = Screen.render(s).lines().joined(separator: "\n")
        #expect(screen.contains("Reply d-9 sent, 1m ago:"))
        #expect(screen.contains("│https://www.facebook.com/1000_7_12"))
    }
}

extension DeliveryViewTests {
    @Test func aPostPublishedLongBeforeDeliveryExistedShowsNoWaiting() {
        var ws = delivered()
        ws.drafts["d-1"]?.deliveries = []
        ws.drafts["d-1"]?.publishedAt = Fixture.now.addingTimeInterval(-3 * 86_400)
        var s = state(as: "priya", size: Size(width: 120, height: 40), ws: ws)
        _ = press(&s, .char("2"), .char("0"))
        var steps = 0
        while s.selectedDraft?.id != "d-1", steps < 20 { _ = press(&s, .char("j")); steps += 1 }
        #expect(!Screen.render(s).lines().joined(separator: "\n").contains("waiting to be sent"))
    }
}

extension DeliveryViewTests {
    @Test func commsAskToDeleteWhatWasDeliveredWhereThePlatformAllows() {
        var s = onD1("priya")
        // X is delivered, but Earshot deletes only from Mastodon, Bluesky and Facebook.
        #expect(press(&s, .char("X")) == [])
        #expect(s.message?.text == "d-1 is not delivered anywhere Earshot can delete from")
        var ws = delivered()
        ws.drafts["d-1"]?.deliveries[1].state = .delivered
        var c = state(as: "priya", size: Size(width: 120, height: 40), ws: ws)
        _ = press(&c, .char("2"), .char("0"))
        var steps = 0
        while c.selectedDraft?.id != "d-1", steps < 20 { _ = press(&c, .char("j")); steps += 1 }
        #expect(press(&c, .char("X")) == [.send([Request(.requestRemoval(draft: "d-1", channel: .facebook), by: "priya")])])
    }
}

extension DeliveryViewTests {
    @Test func theQueueRowSaysFailedSendingOrDelivered() {
        var ws = delivered()
        #expect(DraftRow.delivery(ws.drafts["d-1"]!) == "FAILED")
        ws.drafts["d-1"]?.deliveries[1].state = .delivered
        #expect(DraftRow.delivery(ws.drafts["d-1"]!) == "sending")
        ws.drafts["d-1"]?.deliveries[2].state = .delivered
        #expect(DraftRow.delivery(ws.drafts["d-1"]!) == "published")
        ws.drafts["d-1"]?.channels = [.x, .facebook, .bluesky]
        #expect(DraftRow.delivery(ws.drafts["d-1"]!) == "delivered")
    }
}
