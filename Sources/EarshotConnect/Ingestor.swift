import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// Takes arrivals into the store: dedupe and threads decided under the writers'
/// lock, one write and one fsync per batch, arrival rules run on what is new, and
/// only then the cursor saved, so a crash at any point re-fetches and dedupes.
public struct Ingestor {
    public let store: any StoreBackend
    public let actor: String
    public var ownHandles: Set<String>
    public var branch: String?
    public var clock: () -> Date

    public struct Report: Sendable, Equatable {
        public var received = 0
        public var known = 0
        public var refused: [String] = []
        public var ruleActions = 0
    }

    public init(store: any StoreBackend, actor: String, ownHandles: Set<String> = [], branch: String? = nil, clock: @escaping () -> Date = { Date() }) {
        self.store = store
        self.actor = actor
        self.ownHandles = ownHandles
        self.branch = branch
        self.clock = clock
    }

    /// Appends the new ones among `arrivals`, then runs the arrival rules on them.
    @discardableResult
    public func take(_ arrivals: [Arrival]) throws -> Report {
        var report = Report()
        guard !arrivals.isEmpty else { return report }
        let now = clock()
        var plan = ArrivalPlanner.Plan()
        let results = try store.applyArrivals(at: now) { lookup in
            plan = ArrivalPlanner.plan(
                arrivals, actor: actor, lookup: { lookup($0.channel, $0.platformID) }, ownHandles: ownHandles, branch: branch)
            return plan.requests
        }
        report.known = plan.known + plan.orphanEdits
        var fresh: [InboxItem] = []
        for result in results {
            switch result {
            case .success(let event):
                if case .received(let item) = event.change, let stored = store.workspace.items[item.id] { fresh.append(stored) }
            case .failure(let refusal):
                if refusal.rule == "item.duplicate" { report.known += 1 } else { report.refused.append(refusal.message) }
            }
        }
        report.received = fresh.count
        // Rules act on items that are now durably in; a second batch of their own.
        let rules = store.workspace.config.arrivalRules ?? []
        if !rules.isEmpty, !fresh.isEmpty {
            let outcomes = ArrivalRuleRunner.run(rules, on: fresh, now: now)
            let ruled = try store.applyBatch(outcomes.map(\.request), at: now, mode: .each)
            report.ruleActions = ruled.filter { if case .success = $0 { true } else { false } }.count
        }
        return report
    }
}
