import EarshotCore
import Foundation

/// A store that lives in memory: the same rules and the same batches as the file
/// store, nothing on disk. Sessions that share one `InMemoryStore.Shared` see each
/// other's events on `refresh`, as two consoles on one directory do.
public final class InMemoryStore: StoreSession {
    /// The history and side files that several sessions share.
    public final class Shared: @unchecked Sendable {
        let lock = NSLock()
        fileprivate var base: Workspace
        fileprivate var events: [Event] = []
        fileprivate var wip: [String: WorkInProgress] = [:]
        fileprivate var presence: [String: Presence] = [:]

        public init(_ workspace: Workspace) { base = workspace }

        /// Every event recorded, oldest first.
        public var history: [Event] { lock.withLock { events } }
    }

    public let shared: Shared
    public private(set) var workspace: Workspace
    private var seen = 0
    private var unseen: [Event] = []

    public init(_ shared: Shared) {
        self.shared = shared
        workspace = shared.lock.withLock { shared.base }
        seen = 0
        try? refresh()
        unseen.removeAll()
    }

    public convenience init(_ workspace: Workspace) {
        self.init(Shared(workspace))
    }

    public func applyBatch(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>] {
        guard !requests.isEmpty else { return [] }
        return try shared.lock.withLock {
            catchUp()
            return try applyLocked(requests, at: now, mode: mode)
        }
    }

    /// Decides and records a batch, the shared lock held and this session caught up.
    func applyLocked(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>] {
        guard !requests.isEmpty else { return [] }
        let decision = try Rules.decide(batch: requests, in: workspace, at: now, mode: mode, prepare: { $0 })
        shared.events += decision.events
        catchUp()
        return decision.results
    }

    /// `catchUp` for callers in this module that hold the shared lock.
    func catchUpLocked() { catchUp() }

    @discardableResult
    public func refresh() throws -> [Event] {
        shared.lock.withLock { catchUp() }
    }

    public func takeNewEvents() -> [Event]? {
        defer { unseen.removeAll() }
        return unseen
    }

    /// Folds the shared events this session has not seen yet (lock held).
    @discardableResult
    private func catchUp() -> [Event] {
        let fresh = Array(shared.events[seen...])
        for event in fresh { workspace.apply(event) }
        seen = shared.events.count
        unseen += fresh
        return fresh
    }

    public func workInProgress(for login: String) throws -> WorkInProgress? { shared.lock.withLock { shared.wip[login] } }
    public func saveWorkInProgress(_ wip: WorkInProgress) throws { shared.lock.withLock { shared.wip[wip.login] = wip } }
    public func clearWorkInProgress(for login: String) { shared.lock.withLock { shared.wip[login] = nil } }

    public func publish(_ presence: Presence) throws { shared.lock.withLock { shared.presence[presence.session] = presence } }
    public func withdraw(session: String) { shared.lock.withLock { shared.presence[session] = nil } }
    public func presences(excluding session: String, now: Date) -> [Presence] {
        shared.lock.withLock {
            shared.presence.values
                .filter { $0.session != session && now.timeIntervalSince($0.updatedAt) < Presence.lifetime }
                .sorted { ($0.login, $0.session) < ($1.login, $1.session) }
        }
    }
}

/// A store whose every write fails, as a full disk does: for proving that the
/// console says so and loses nothing.
public final class FailingStore: StoreSession {
    public let workspace: Workspace
    public let error: StoreError

    public init(_ workspace: Workspace, error: StoreError = .io(file: "journal.jsonl", operation: "write", errno: ENOSPC)) {
        self.workspace = workspace
        self.error = error
    }

    public func applyBatch(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>] { throw error }
    public func refresh() throws -> [Event] { [] }
    public func takeNewEvents() -> [Event]? { [] }
    public func workInProgress(for login: String) throws -> WorkInProgress? { nil }
    public func saveWorkInProgress(_ wip: WorkInProgress) throws { throw error }
    public func clearWorkInProgress(for login: String) {}
    public func publish(_ presence: Presence) throws {}
    public func presences(excluding session: String, now: Date) -> [Presence] { [] }
    public func withdraw(session: String) {}
}
