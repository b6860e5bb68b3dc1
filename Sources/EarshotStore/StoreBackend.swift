import EarshotCore
import Foundation

/// What the command-line verbs that read and change the domain need of a store,
/// beyond a console session: arrivals deduplicated under the writers' lock, and
/// the history for `audit`. `receive`, `import`, `fetch`, `audit`, `report` and
/// `rules test` reach their store only through this, so another backend (a
/// PostgreSQL store for services that outgrow one host) is one more conformance.
/// The verbs about the files themselves (`fsck`, `verify`, `checkpoint`,
/// `migrate`, `compact`) and the outbox (`publish`, `deliver`) belong to the
/// file store and stay with it.
public protocol StoreBackend: StoreSession {
    /// Appends arriving items, dedupe decided under the writers' lock: `plan` gets a
    /// lookup of (channel, platform id) → item id over every item ever stored and
    /// returns the requests to apply, each on its own.
    func applyArrivals(
        at now: Date, _ plan: (_ lookup: (Channel, String) -> String?) throws -> [Request]
    ) throws -> [Result<Event, Refusal>]

    /// Every recorded event at or after `since` (all when nil), oldest first.
    func history(since: Date?) throws -> [Event]
}

extension Store: StoreBackend {}

/// Where a verb gets its store: the one place another kind of store would be chosen.
public enum StoreBackends {
    public static func open(at root: URL) throws -> any StoreBackend {
        try Store(at: root)
    }
}

extension InMemoryStore: StoreBackend {
    public func applyArrivals(
        at now: Date, _ plan: (_ lookup: (Channel, String) -> String?) throws -> [Request]
    ) throws -> [Result<Event, Refusal>] {
        try shared.lock.withLock {
            catchUpLocked()
            // Nothing is ever archived in memory: every item stored is in the workspace.
            var known: [String: String] = [:]
            for item in workspace.items.values { known[ArchiveIndex.key(item.channel, item.platformID)] = item.id }
            let requests = try plan { known[ArchiveIndex.key($0, $1)] }
            return try applyLocked(requests, at: now, mode: .each)
        }
    }

    public func history(since: Date?) throws -> [Event] {
        let events = shared.history
        guard let since else { return events }
        return events.filter { $0.at >= since }
    }
}
