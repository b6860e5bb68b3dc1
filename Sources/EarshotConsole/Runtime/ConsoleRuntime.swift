import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Runs the loop: input and time become messages, `update` makes effects, effects
/// reach the store, and the screen is redrawn from the state. The only place where
/// the console does I/O.
@MainActor
public final class ConsoleRuntime {
    public private(set) var state: AppState
    private let backend: any TerminalBackend
    private let store: Store
    private let clock: @Sendable () -> Date
    private let log: FileLog
    private var lastPoll = Date.distantPast
    /// How often the store is checked for other sessions' events.
    private let pollInterval: TimeInterval = 0.4

    public init(
        state: AppState, backend: any TerminalBackend, store: Store,
        clock: @escaping @Sendable () -> Date, log: FileLog = .none
    ) {
        self.log = log
        self.state = state
        self.backend = backend
        self.store = store
        self.clock = clock
    }

    /// Runs until the person quits or a signal (hang-up, terminate) asks us to stop.
    public func run() {
        draw()
        while !Signals.stopRequested {
            if let key = backend.readKey(timeoutMilliseconds: 100) {
                if !send(key == .resize ? .resize(backend.size) : .key(key)) { break }
            }
            let now = clock()
            if now.timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = now
                poll()
                _ = send(.tick(now))
            }
            draw()
        }
    }

    /// Feeds one message through `update` and carries out its effects. False means quit.
    @discardableResult
    public func send(_ msg: Msg) -> Bool {
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.update(next) {
                switch effect {
                case .quit:
                    return false
                case .send(let request):
                    do {
                        let result = try store.apply(request, at: clock())
                        queue.append(.storeChanged(store.workspace, events: store.takeNewEvents()))
                        queue.append(.commandFinished(request, result))
                    } catch {
                        log.write("could not apply \(request.command.summary) for \(request.actor): \(error)")
                        queue.append(.storeFailed(request, (error as? StoreError)?.short ?? "\(error)"))
                    }
                }
            }
        }
        return true
    }

    /// Picks up other sessions' events; a damaged journal is reported, not fatal.
    public func poll() {
        do {
            if try !store.refresh().isEmpty {
                _ = send(.storeChanged(store.workspace, events: store.takeNewEvents()))
            }
        } catch {
            log.write("could not follow the journal: \(error)")
            state.message = StatusMessage("Could not read others' changes: \(error)", .warning)
        }
    }

    public func draw() {
        if backend.size != state.size { _ = send(.resize(backend.size)) }
        backend.draw(Screen.render(state))
    }
}
