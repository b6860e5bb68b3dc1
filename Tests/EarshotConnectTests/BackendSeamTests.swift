import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation
import TestSupport
import Testing

/// The domain verbs reach their store through `StoreBackend`: arrivals, their
/// dedupe and rules, and the history `audit` prints come out the same from the
/// file store and from the in-memory one.
@Suite struct BackendSeamTests {
    enum Kind: String, CaseIterable { case files, memory }

    func workspace() -> Workspace {
        var ws = Workspace(config: Fixture.config(), staff: Fixture.staff)
        ws.config.arrivalRules = [ArrivalRule(name: "spam", when: "\"crypto giveaway\"", actions: ["tag:spam", "hide"])]
        return ws
    }

    func backend(_ kind: Kind) throws -> (any StoreBackend, cleanup: () -> Void) {
        switch kind {
        case .memory:
            return (InMemoryStore(workspace()), {})
        case .files:
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-seam-\(UUID().uuidString)")
            try StoreSetup.create(at: root, from: workspace())
            return (try StoreBackends.open(at: root), { try? FileManager.default.removeItem(at: root) })
        }
    }

    func arrivals() -> [Arrival] {
        [
            Arrival(channel: .mastodon, platformID: "m1", handle: "@jo@example.social", name: "Jo", text: "Open on Sunday?", at: Fixture.now),
            Arrival(channel: .mastodon, platformID: "m2", handle: "@bot@example.social", name: "Bot", text: "crypto giveaway now", at: Fixture.now),
            Arrival(channel: .x, platformID: "m1", handle: "@jo", name: "Jo", text: "same id, other channel", at: Fixture.now),
        ]
    }

    @Test(arguments: Kind.allCases)
    func arrivalsDedupeAndRulesAreTheSameOnEitherBackend(_ kind: Kind) throws {
        let (store, cleanup) = try backend(kind)
        defer { cleanup() }
        let ingestor = Ingestor(store: store, actor: "receive", clock: { Fixture.now })
        let first = try ingestor.take(arrivals())
        #expect(first.received == 3 && first.known == 0 && first.ruleActions == 2, "tag and hide")
        let again = try ingestor.take(arrivals())
        #expect(again.received == 0 && again.known == 3, "the second delivery of the same posts stores nothing")
        let spam = try #require(store.workspace.items.values.first { $0.platformID == "m2" })
        #expect(spam.status == .hidden && spam.tags == ["spam"])
        #expect(store.workspace.items.count == 3)

        let history = try store.history(since: nil)
        #expect(history.map(\.actor) == ["receive", "receive", "receive", "rule:spam", "rule:spam"])
        #expect(try store.history(since: Fixture.now.addingTimeInterval(1)).isEmpty)
    }
}
