import EarshotCore
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
    /// The store's answer to a request we made.
    case commandFinished(Request, Result<Event, Refusal>)
    /// The store could not be written (disk full, permissions); nothing changed.
    case storeFailed(Request, String)
}

/// What `update` asks the runtime to do. All I/O happens here, never in `update`.
public enum Effect: Sendable, Equatable {
    case send(Request)
    case quit
}
