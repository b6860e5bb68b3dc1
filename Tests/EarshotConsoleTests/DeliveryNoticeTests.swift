import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// The author hears where their post landed or why it did not; comms hear of every failure.
struct DeliveryNoticeTests {
    func published() -> Workspace {
        var ws = Fixture.workspace()
        ws.drafts["d-1"]?.state = .published
        return ws
    }

    func deliver(_ change: Change, to s: inout AppState) {
        var ws = s.workspace
        let event = Event(seq: ws.seq + 1, at: Fixture.now, actor: "deliver", change: change)
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
    }

    @Test func theAuthorHearsItLandedWithItsLinkOrWhyItDidNot() {
        var s = state(as: "aisha", ws: published())
        deliver(.deliveryStarted(draft: "d-1", channel: .x, key: "k"), to: &s)
        deliver(.delivered(draft: "d-1", channel: .x, platformID: "42", url: "https://x.example/42"), to: &s)
        #expect(s.message?.text == "Your d-1 is on X: https://x.example/42")
        deliver(.deliveryStarted(draft: "d-1", channel: .facebook, key: "k"), to: &s)
        deliver(.deliveryFailed(draft: "d-1", channel: .facebook, reason: "login refused", willRetry: true, nextTry: nil), to: &s)
        #expect(s.message?.text == "Your d-1 did not reach Facebook: login refused")
        #expect(s.message?.kind == .warning)
    }

    @Test func commsHearOfAFailureAndWhatTheyCanDo() {
        var s = state(as: "priya", ws: published())
        deliver(.deliveryStarted(draft: "d-1", channel: .facebook, key: "k"), to: &s)
        deliver(.deliveryFailed(draft: "d-1", channel: .facebook, reason: "too long", willRetry: false, nextTry: nil), to: &s)
        #expect(s.message?.text == "d-1 did not reach Facebook: too long; R retries, W withdraws")
    }
}

extension DeliveryNoticeTests {
    @Test func theAuthorHearsWhenCommsWithdrawTheirPost() {
        var s = state(as: "aisha", ws: published())
        var ws = s.workspace
        let event = Event(seq: ws.seq + 1, at: Fixture.now, actor: "priya", change: .deliveryWithdrawn(draft: "d-1", channel: .facebook))
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
        #expect(s.message?.text == "Priya Nair withdrew your d-1 from Facebook; it will not be sent there")
    }
}

extension DeliveryNoticeTests {
    @Test func theAuthorHearsWhenTheirPostIsDeletedFromAPlatform() {
        var s = state(as: "aisha", ws: published())
        deliver(.deliveryStarted(draft: "d-1", channel: .facebook, key: "k"), to: &s)
        deliver(.delivered(draft: "d-1", channel: .facebook, platformID: "1", url: nil), to: &s)
        var ws = s.workspace
        ws.apply(Event(seq: ws.seq + 1, at: Fixture.now, actor: "priya", change: .removalRequested(draft: "d-1", channel: .facebook)))
        s.workspace = ws
        deliver(.removed(draft: "d-1", channel: .facebook), to: &s)
        #expect(s.message?.text == "Your d-1 was deleted from Facebook, as comms asked")
    }
}
