import EarshotCore
import Foundation
import TestSupport
import Testing

/// Delivery carries only what publish released, is recorded by the machine actor
/// `deliver` alone, and ends once: delivered or withdrawn.
struct DeliveryRulesTests {
    func published() -> Workspace {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .published
        return ws
    }

    func decide(_ command: Command, by actor: String, in ws: Workspace) -> Result<Change, Refusal> {
        Rules.decide(Request(command, by: actor), in: ws, at: Fixture.now)
    }

    func fold(_ ws: inout Workspace, _ change: Change, by actor: String) {
        ws.apply(Event(seq: ws.seq + 1, at: Fixture.now, actor: actor, change: change))
    }

    @Test func onlyDeliverRecordsDeliveryAndDeliverDoesNothingElse() {
        let ws = published()
        let start = Command.startDelivery(draft: "d-1", channel: .x, key: "k")
        #expect((try? decide(start, by: "deliver", in: ws).get()) != nil)
        for actor in ["publish", "priya", "fetch:x", "receive"] {
            #expect(decide(start, by: actor, in: ws).failureRule != nil)
        }
        #expect(decide(.approve(draft: "d-3", revision: 1), by: "deliver", in: ws).failureRule == "identity.machine")
        #expect(decide(.publish(draft: "d-3", files: ["x"]), by: "deliver", in: ws).failureRule == "identity.machine")
    }

    @Test func nothingUnpublishedOrOnAnotherChannelIsDelivered() {
        let ws = Fixture.workspace()
        #expect(decide(.startDelivery(draft: "d-1", channel: .x, key: "k"), by: "deliver", in: ws).failureRule == "delivery.unpublished")
        #expect(decide(.startDelivery(draft: "d-1", channel: .mastodon, key: "k"), by: "deliver", in: published()).failureRule == "delivery.channel")
    }

    @Test func aDeliveredPostIsNotStartedOrRecordedAgain() {
        var ws = published()
        fold(&ws, .deliveryStarted(draft: "d-1", channel: .x, key: "k"), by: "deliver")
        #expect(decide(.startDelivery(draft: "d-1", channel: .x, key: "other"), by: "deliver", in: ws).failureRule == "delivery.key")
        fold(&ws, .delivered(draft: "d-1", channel: .x, platformID: "9", url: "https://x.example/9"), by: "deliver")
        let d = ws.drafts["d-1"]?.delivery(.x)
        #expect(d?.state == .delivered && d?.url == "https://x.example/9" && d?.attempts == 1)
        #expect(decide(.startDelivery(draft: "d-1", channel: .x, key: "k"), by: "deliver", in: ws).failureRule == "delivery.done")
        #expect(decide(.markDelivered(draft: "d-1", channel: .x, platformID: "10", url: nil), by: "deliver", in: ws).failureRule == "delivery.done")
        #expect(decide(.withdrawDelivery(draft: "d-1", channel: .x), by: "priya", in: ws).failureRule == "delivery.done")
    }

    @Test func commsRetryAFailureAndWithdrawOnlyWhenNothingIsInFlight() {
        var ws = published()
        fold(&ws, .deliveryStarted(draft: "d-1", channel: .facebook, key: "k"), by: "deliver")
        #expect(decide(.withdrawDelivery(draft: "d-1", channel: .facebook), by: "priya", in: ws).failureRule == "delivery.sending")
        fold(&ws, .deliveryFailed(draft: "d-1", channel: .facebook, reason: "too long", willRetry: false, nextTry: nil), by: "deliver")
        #expect(ws.drafts["d-1"]?.delivery(.facebook)?.isDue(at: Fixture.now) == false)
        #expect(decide(.retryDelivery(draft: "d-1", channel: .facebook), by: "aisha", in: ws).failureRule == "role.delivery")
        #expect((try? decide(.retryDelivery(draft: "d-1", channel: .facebook), by: "priya", in: ws).get()) != nil)
        fold(&ws, .deliveryRetried(draft: "d-1", channel: .facebook), by: "priya")
        #expect(ws.drafts["d-1"]?.delivery(.facebook)?.isDue(at: Fixture.now) == true)
        #expect((try? decide(.withdrawDelivery(draft: "d-1", channel: .facebook), by: "morgan", in: ws).get()) != nil)
        fold(&ws, .deliveryWithdrawn(draft: "d-1", channel: .facebook), by: "morgan")
        #expect(decide(.startDelivery(draft: "d-1", channel: .facebook, key: "k"), by: "deliver", in: ws).failureRule == "delivery.withdrawn")
    }
}
