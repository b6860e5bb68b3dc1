import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Runs the loop: input and time become messages, `update` makes effects, effects
/// go to the store's worker, its replies come back as messages, and the screen is
/// redrawn from the state. The only place where the console does I/O.
///
/// The loop sleeps in poll(2) on the terminal, the store worker's doorbell and the
/// signal pipe, with a timeout to the next thing due (the minute turning, the unsent
/// reply's save, presence, a notice). An idle console wakes once a minute.
@MainActor
public final class ConsoleRuntime {
    public var state: AppState
    let backend: any TerminalBackend
    let worker: any StoreWorker
    let waiter: any LoopWaiter
    let clock: @Sendable () -> Date
    let log: FileLog
    var session: String { worker.session }
    /// Times the loop woke up from a wait: a test proves an idle console sleeps.
    public private(set) var wakeups = 0
    /// Something the screen shows has changed since the last frame; an idle console draws nothing.
    var dirty = true
    /// When each job handed to the store was handed over, oldest first, until it is
    /// done; and whether it changes the store (requests) or only side files.
    var pending: [(at: Date, changes: Bool)] = []
    /// Keys typed while requests are on their way, not yet handed to `update`.
    var typeAhead: [Key] = []
    /// Since when the oldest job waits for another writer's lock, and who holds it.
    var lockWait: (holder: LockHolder?, since: Date)?
    /// The notice the runtime put in the status line, and what it covered.
    var notice: (text: String, covered: StatusMessage?)?
    /// What other sessions were last told about us, and when to tell them next.
    var presenceSent: PresenceSpot?
    var presenceDue: Date?

    /// A half-written reply reaches the disk this long after the last key stroke.
    let saveDelay: TimeInterval = 0.3
    /// Presence is published this long after it settles, so holding `j` writes once.
    let presenceDelay: TimeInterval = 0.3
    /// A write that takes longer than this says so in the status line; until then
    /// the keys typed behind it wait for its answer (see `keysMayGo`).
    let noticeDelay: TimeInterval = 0.2

    /// With the store worked inline: every job is done before `send` returns (tests).
    public convenience init(
        state: AppState, backend: any TerminalBackend, store: any StoreSession,
        clock: @escaping @Sendable () -> Date, log: FileLog = .none
    ) {
        self.init(state: state, backend: backend, worker: InlineStoreWorker(store: store, session: Presence.currentSession, log: log),
                  clock: clock, log: log)
    }

    /// With the store on its own thread, as the console runs for real.
    public convenience init(
        state: AppState, backend: any TerminalBackend, storeThread: StoreThread,
        clock: @escaping @Sendable () -> Date, log: FileLog = .none, waiter: any LoopWaiter = PollWaiter()
    ) {
        self.init(state: state, backend: backend, worker: storeThread, clock: clock, log: log, waiter: waiter)
    }

    init(state: AppState, backend: any TerminalBackend, worker: any StoreWorker, clock: @escaping @Sendable () -> Date,
         log: FileLog, waiter: any LoopWaiter = PollWaiter()) {
        self.state = state
        self.backend = backend
        self.worker = worker
        self.clock = clock
        self.log = log
        self.waiter = waiter
    }

    /// Runs until the person quits, a signal (hang-up, terminate) asks us to stop, or
    /// the terminal goes away without one. Either way pending writes finish and an
    /// unsent reply is saved first.
    public func run() {
        start()
        while !Signals.stopRequested && backend.isConnected {
            if !step() { break }
        }
        finish()
    }

    /// What the loop does before its first wait: the unsent reply, others, the first frame.
    public func start() {
        submit(.restoreWork(login: state.me.login))
        submit(.follow)
        presenceDue = clock()
        absorbReplies()
        doWhatIsDue()
        draw()
    }

    /// One turn of the loop: waits for a key, a reply from the store, a signal or the
    /// next thing due (at most `maxWaitMilliseconds`), then does what came. False: quit.
    @discardableResult
    public func step(maxWaitMilliseconds: Int? = nil) -> Bool {
        var timeout = millisecondsToNextDeadline()
        if let cap = maxWaitMilliseconds { timeout = timeout < 0 ? cap : min(timeout, cap) }
        var keys: [Key] = []
        if let input = backend.inputDescriptor {
            let sources = [input] + [worker.wakeDescriptor, Signals.wakeDescriptor].compactMap { $0 }
            let ready = waiter.wait(for: sources, timeoutMilliseconds: timeout)
            // A signal: a stop (the loop ends below) or a resize (ncurses has a KEY_RESIZE for us).
            let signalled = Signals.wakeDescriptor.map(ready.contains) ?? false
            if signalled { Signals.drain() }
            if ready.contains(input) || signalled {
                while let key = backend.readKey(timeoutMilliseconds: 0) { keys.append(key) }
            }
        } else if let key = backend.readKey(timeoutMilliseconds: timeout) {
            // A backend without a descriptor is its own wait (the in-memory terminal).
            keys.append(key)
        }
        wakeups += 1
        typeAhead += keys
        // `now` stays current for the keys; the screen changes only when the minute turns.
        send(.tick(clock()))
        // Answers first: the keys typed behind a request may be waiting for them.
        absorbReplies()
        while !typeAhead.isEmpty, keysMayGo() {
            let key = typeAhead.removeFirst()
            if !send(key == .resize ? .resize(backend.size) : .key(key)) { return false }
        }
        absorbReplies()
        doWhatIsDue()
        // While a request's answer is due any moment, one frame with it beats two
        // (before and after): fewer bytes down a slow link, as when the loop wrote itself.
        if dirty, keysMayGo() { draw() }
        return true
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
                    waitForPendingJobs()
                    backend.suspend()
                case .send(let requests):
                    // Triage of several items: each stands alone. Anything else is a
                    // sequence (create then submit): all of it or none.
                    let mode: BatchMode = requests.allSatisfy { AppState.isTriage($0.command) } ? .each : .allOrNothing
                    submit(.apply(requests, at: clock(), mode: mode))
                    queue += messages(from: worker.takeReplies())
                case .saveWork(let wip):
                    submit(.saveWork(wip))
                case .clearWork:
                    submit(.clearWork(login: state.me.login))
                }
            }
        }
        return true
    }

    /// Asks the store for others' events and whereabouts now. The loop needs no such
    /// call (it is told); tests and stores with nothing to watch do.
    public func poll() {
        submit(.follow)
        absorbReplies()
    }

    /// Pending writes finish, the unsent reply is saved, and we leave the others.
    public func finish() {
        saveWorkIfDue(force: true)
        submit(.withdraw(session: session))
        waitForPendingJobs()
        worker.stop()
    }

    func submit(_ job: StoreJob) {
        if case .apply = job { pending.append((clock(), true)) } else { pending.append((clock(), false)) }
        worker.submit(job)
    }

    /// Whether the next key typed may be handled now. Behind a request still on its
    /// way it waits for the answer, as it would have in a loop that did the request
    /// itself: `d d` marks two items, not the first one twice. But never for long: once
    /// the store has kept us `noticeDelay`, keys go on (the status line says why the
    /// answer is late), and a request made meanwhile may be refused as stale, saying so.
    func keysMayGo() -> Bool {
        guard let oldest = pending.first(where: \.changes) else { return true }
        return clock().timeIntervalSince(oldest.at) >= noticeDelay
    }

    /// Turns whatever the store has replied into messages and feeds them through.
    func absorbReplies() {
        for msg in messages(from: worker.takeReplies()) { send(msg) }
        updateNotice()
    }

    /// The answers go in before the new workspace, so `update` can still see what
    /// each change replaced (for undo).
    private func messages(from replies: [StoreReply]) -> [Msg] {
        var out: [Msg] = []
        for reply in replies {
            switch reply {
            case .restored(let wip): out.append(.restore(wip))
            case .applied(let answers, let ws, let events): out += [.commandsFinished(answers), .storeChanged(ws, events: events)]
            case .notApplied(let text, let ws, let events): out += [.commandsFinished([]), .storeChanged(ws, events: events), .storeFailed(text)]
            case .changed(let ws, let events): out.append(.storeChanged(ws, events: events))
            case .presences(let others): if others != state.presences { out.append(.presence(others)) }
            case .followFailed(let text):
                state.message = StatusMessage("Could not read others' changes: \(text)", .warning)
                dirty = true
            case .workNotSaved(let text):
                state.message = StatusMessage("Could not save your unsent reply: \(text)", .warning)
                dirty = true
            case .lockBusy(let holder):
                lockWait = (holder, clock())
            case .done:
                if !pending.isEmpty { pending.removeFirst() }
                lockWait = nil
            }
        }
        return out
    }

    public func draw() {
        if backend.size != state.size { _ = send(.resize(backend.size)) }
        backend.draw(Screen.render(state))
        dirty = false
    }
}
