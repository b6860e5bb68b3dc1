import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Everything that can happen to the console. `update` turns each into state and effects.
public enum Msg: Sendable {
    case key(Key)
    case resize(Size)
    /// Time passed (ages and "today" move on).
    case tick(Date)
    /// The store changed: these events (ours or another session's) were applied;
    /// nil events means too many to list, so everything is recomputed.
    case storeChanged(Workspace, events: [Event]?)
    /// The store's answers to requests we sent together (one, or a bulk action).
    case commandsFinished([Answer])
    /// The store could not be written (disk full, permissions); nothing changed.
    case storeFailed(String)
    /// Other sessions' whereabouts, refreshed on every poll.
    case presence([Presence])
    /// The half-written reply reached the disk.
    case workSaved(Date)
    /// A reply left unsent in an earlier session, offered back on start-up.
    case restore(WorkInProgress)
}

/// A request and what the store said to it.
public struct Answer: Sendable, Equatable {
    public var request: Request
    public var result: Result<Event, Refusal>

    public init(_ request: Request, _ result: Result<Event, Refusal>) {
        self.request = request
        self.result = result
    }
}

/// What `update` asks the runtime to do. All I/O happens there, never in `update`.
public enum Effect: Sendable, Equatable {
    /// Apply these requests in order; a bulk action sends several.
    case send([Request])
    /// Save the half-written reply durably.
    case saveWork(WorkInProgress)
    /// The reply was sent or discarded: forget the saved copy.
    case clearWork
    case quit
    /// Stop the process as a shell's C-z would (only when the person bound a key to it).
    case suspend
}
