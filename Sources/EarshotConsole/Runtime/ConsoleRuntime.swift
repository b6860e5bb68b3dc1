import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Runs the loop: input and time become messages, `update` makes effects, effects
/// reach the store, and the screen is redrawn from the state. The only place where
/// the console does I/O.
@MainActor
public final class ConsoleRuntime {
    public var state: AppState
    private let backend: any TerminalBackend
    private let store: any StoreSession
    private let clock: @Sendable () -> Date
    private let log: FileLog
    private let session = Presence.currentSession
    private var lastPoll = Date.distantPast
    private var lastPresence: (item: String?, replying: Bool, at: Date)?
    /// How often the store is checked for other sessions' events.
    private let pollInterval: TimeInterval = 0.4
    /// A half-written reply reaches the disk this long after the last key stroke.
    private let saveDelay: TimeInterval = 0.3
    /// Something the screen shows has changed since the last frame; an idle console draws nothing.
    private var dirty = true

    public init(
        state: AppState, backend: any TerminalBackend, store: any StoreSession,
        clock: @escaping @Sendable () -> Date, log: FileLog = .none
    ) {
        self.log = log
        self.state = state
        self.backend = backend
        self.store = store
        self.clock = clock
    }

    /// Runs until the person quits, a signal (hang-up, terminate) asks us to stop, or
    /// the terminal goes away without one. Either way an unsent reply is saved first.
    public func run() {
        if let wip = try? store.workInProgress(for: state.me.login) { send(.restore(wip)) }
        draw()
        while !Signals.stopRequested && backend.isConnected {
            if let key = backend.readKey(timeoutMilliseconds: 100) {
                if !send(key == .resize ? .resize(backend.size) : .key(key)) { break }
            }
            let now = clock()
            if now.timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = now
                poll()
                _ = send(.tick(now))
            }
            saveWorkIfDue(force: false)
            if dirty { draw() }
        }
        saveWorkIfDue(force: true)
        store.withdraw(session: session)
    }

    /// Feeds one message through `update` and carries out its effects. False means quit.
    @discardableResult
    public func send(_ msg: Msg) -> Bool {
        // A tick changes what is shown (ages, the clock) only when the minute turns.
        if case .tick(let date) = msg {
            if Int(date.timeIntervalSince1970 / 60) != Int(state.now.timeIntervalSince1970 / 60) { dirty = true }
        } else {
            dirty = true
        }
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.update(next) {
                switch effect {
                case .quit:
                    return false
                case .suspend:
                    saveWorkIfDue(force: true)
                    backend.suspend()
                case .send(let requests):
                    queue += apply(requests)
                case .saveWork(let wip):
                    save(wip)
                case .clearWork:
                    store.clearWorkInProgress(for: state.me.login)
                }
            }
        }
        return true
    }

    /// Applies requests in order. The answers go in before the new workspace, so
    /// `update` can still see what each change replaced (for undo).
    private func apply(_ requests: [Request]) -> [Msg] {
        // Triage of several items: each stands alone. Anything else is a sequence
        // (create then submit): all of it or none.
        let mode: Store.BatchMode = requests.allSatisfy { AppState.isTriage($0.command) } ? .each : .allOrNothing
        do {
            let results = try store.applyBatch(requests, at: clock(), mode: mode)
            let answers = zip(requests, results).map { Answer($0, $1) }
            return [.commandsFinished(answers), .storeChanged(store.workspace, events: store.takeNewEvents())]
        } catch {
            log.write("could not apply \(requests.map(\.command.summary)) for \(requests.first?.actor ?? "?"): \(error)")
            let text = (error as? StoreError)?.short ?? "\(error)"
            return [.commandsFinished([]), .storeChanged(store.workspace, events: store.takeNewEvents()), .storeFailed(text)]
        }
    }

    /// Picks up other sessions' events and whereabouts; a damaged journal is reported, not fatal.
    public func poll() {
        do {
            if try !store.refresh().isEmpty {
                _ = send(.storeChanged(store.workspace, events: store.takeNewEvents()))
            }
        } catch {
            log.write("could not follow the journal: \(error)")
            state.message = StatusMessage("Could not read others' changes: \(error)", .warning)
            dirty = true
        }
        publishPresence()
        let others = store.presences(excluding: session, now: Date())
        if others != state.presences { _ = send(.presence(others)) }
    }

    /// Tells other sessions which item we are on and whether we are replying to it.
    /// Presence runs on the wall clock, whatever the demo clock says.
    private func publishPresence() {
        let item = state.composer?.item ?? (state.focus == .inbox ? state.selectedItem?.id : nil)
        let replying = state.composer != nil && state.mode == .compose
        let now = Date()
        if let last = lastPresence, last.item == item, last.replying == replying, now.timeIntervalSince(last.at) < 4 { return }
        do {
            try store.publish(Presence(login: state.me.login, session: session, item: item, replying: replying, updatedAt: now))
            lastPresence = (item, replying, now)
        } catch {
            log.write("could not publish presence: \(error)")
        }
    }

    private func saveWorkIfDue(force: Bool) {
        guard let composer = state.composer, let since = composer.unsavedSince else { return }
        let now = clock()
        guard force || now.timeIntervalSince(since) >= saveDelay else { return }
        save(state.workInProgress(composer))
        _ = send(.workSaved(now))
    }

    private func save(_ wip: WorkInProgress) {
        do {
            try store.saveWorkInProgress(wip)
        } catch {
            log.write("could not save the unsent reply: \(error)")
            state.message = StatusMessage("Could not save your unsent reply: \((error as? StoreError)?.short ?? "\(error)")", .warning)
            dirty = true
        }
    }

    public func draw() {
        if backend.size != state.size { _ = send(.resize(backend.size)) }
        backend.draw(Screen.render(state))
        dirty = false
    }
}
