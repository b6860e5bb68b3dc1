import EarshotCore
import Foundation

/// What a console session needs of a store: the one seam between the console and
/// a backend. `Store` (the JSON files) is the live one; `InMemoryStore` serves tests
/// and anything that must not touch a disk; a PostgreSQL store would be another.
public protocol StoreSession: AnyObject {
    /// The newest state this session knows.
    var workspace: Workspace { get }
    /// Decides and records requests together (see `BatchMode`). Throws only when
    /// nothing could be recorded; the state is then as it was.
    func applyBatch(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>]
    /// Picks up what other sessions recorded; the events, oldest first.
    @discardableResult func refresh() throws -> [Event]
    /// Every event folded in since the last call; nil when too many to list.
    func takeNewEvents() -> [Event]?

    func workInProgress(for login: String) throws -> WorkInProgress?
    func saveWorkInProgress(_ wip: WorkInProgress) throws
    func clearWorkInProgress(for login: String)

    func publish(_ presence: Presence) throws
    func presences(excluding session: String, now: Date) -> [Presence]
    func withdraw(session: String)

    /// Something to wait on for others' changes instead of polling; nil: poll.
    func watch(ownSession: String) -> StoreWatch?
    /// Hears each time a write must wait for another writer (see `Store`).
    func observeLockWaits(_ observer: @escaping (LockHolder?) -> Void)
}

extension StoreSession {
    /// Stores with nothing to watch are polled.
    public func watch(ownSession: String) -> StoreWatch? { nil }
    /// Stores without a lock between processes never wait for one.
    public func observeLockWaits(_ observer: @escaping (LockHolder?) -> Void) {}
}

extension Store: StoreSession {}
