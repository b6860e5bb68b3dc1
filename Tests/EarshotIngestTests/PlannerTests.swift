import EarshotCore
import EarshotIngest
import Foundation
import Testing

struct PlannerTests {
    let t0 = Date(timeIntervalSince1970: 1_795_700_000)

    func arrival(_ id: String, parent: String? = nil, handle: String = "@jo", at offset: TimeInterval = 0) -> Arrival {
        Arrival(channel: .mastodon, platformID: id, handle: handle, name: "Jo", text: "text \(id)", at: t0 + offset, inReplyTo: parent)
    }

    @Test func knownPostsAndRepeatsInOneBatchAreSkipped() {
        let known = ["old": "i-0001"]
        let plan = ArrivalPlanner.plan(
            [arrival("old"), arrival("new"), arrival("new")], actor: "fetch:m",
            lookup: { $0.channel == .mastodon ? known[$0.platformID] : nil })
        #expect(plan.requests.count == 1)
        #expect(plan.known == 2)
        #expect(plan.requests[0].actor == "fetch:m")
    }

    @Test func repliesJoinParentsInTheStoreOrInTheSameBatchWhateverTheOrder() throws {
        let plan = ArrivalPlanner.plan(
            [arrival("child", parent: "parent", at: 60), arrival("parent", handle: "@Harbourside", at: 0),
             arrival("other", parent: "stored", at: 30), arrival("orphan", parent: "unknown", at: 90)],
            actor: "fetch:m", lookup: { $0.platformID == "stored" ? "i-0009" : nil }, ownHandles: ["harbourside"], branch: "quayside")
        let items = plan.requests.compactMap { r -> InboxItem? in if case .receive(let i) = r.command { i } else { nil } }
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.platformID, $0) })
        let parent = try #require(byID["parent"])
        #expect(parent.fromLibrary && parent.status == .handled)
        #expect(byID["child"]?.inReplyTo == parent.id)
        #expect(byID["other"]?.inReplyTo == "i-0009")
        #expect(byID["orphan"]?.inReplyTo == nil)
        #expect(items.allSatisfy { $0.branch == "quayside" })
        // Stable ids: the same post always gets the same id.
        #expect(parent.id == ArrivalPlanner.itemID(ArrivalKey(.mastodon, "parent")))
        #expect(parent.id != ArrivalPlanner.itemID(ArrivalKey(.bluesky, "parent")))
    }

    @Test func anEditJoinsWhatItEditsOnceAndAnEditOfSomethingUnknownIsDropped() {
        var edit = arrival("42@2026-11-27T11:00:00Z", at: 100)
        edit.editOf = "42"
        var orphan = arrival("43@2026-11-27T11:00:00Z", at: 100)
        orphan.editOf = "43"
        let plan = ArrivalPlanner.plan([edit, orphan], actor: "fetch:m", lookup: { $0.platformID == "42" ? "i-0042" : nil })
        #expect(plan.requests.count == 1)
        #expect(plan.orphanEdits == 1)
        guard case .receive(let item) = plan.requests[0].command else { Issue.record("not a receive"); return }
        #expect(item.inReplyTo == "i-0042")
        #expect(item.text.hasPrefix("[edited] "))
    }

    @Test func thePostsLinkIsKeptWithTheItem() throws {
        var a = arrival("linked")
        a.url = "https://harbourside.social/@jo/linked"
        let plan = ArrivalPlanner.plan([a], actor: "receive", lookup: { _ in nil })
        guard case .receive(let item)? = plan.requests.first?.command else {
            Issue.record("expected a receive request")
            return
        }
        #expect(item.url == "https://harbourside.social/@jo/linked")
    }
}
