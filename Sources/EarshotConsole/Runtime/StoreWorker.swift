import EarshotCore
import EarshotStore
import Foundation

/// What the loop asks of the store. Carried out in order, one after another.
enum StoreJob: Sendable {
    /// Offer back the reply this person left unsent.
    case restoreWork(login: String)
    case apply([Request], at: Date, mode: BatchMode)
    /// Look for others' events and whereabouts now (tests, and stores with nothing to watch).
    case follow
    case publish(Presence)
    case saveWork(WorkInProgress)
    case clearWork(login: String)
    case withdraw(session: String)
}

/// What comes back from the store, as values the loop turns into messages.
enum StoreReply: Sendable {
    case restored(WorkInProgress)
    /// The answers, then the state with our events (and anyone else's) folded in.
    case applied([Answer], Workspace, events: [Event]?)
    /// Nothing could be recorded (disk full, permissions): why, in short.
    case notApplied(String, Workspace, events: [Event]?)
    case changed(Workspace, events: [Event]?)
    case followFailed(String)
    case presences([Presence])
    case workNotSaved(String)
    /// A write is waiting for another writer's lock; who holds it, if known.
    case lockBusy(LockHolder?)
    /// One job is finished (every job ends with this, whatever came of it).
    case done
}

/// Hands jobs to the store and brings back replies. The loop owns the state; the
/// worker owns the store. `StoreThread` does the jobs on a thread of its own, so the
/// keyboard never waits for a lock or a disk; `InlineStoreWorker` does them at once
/// on the caller's thread, for tests that drive `ConsoleRuntime.send` and expect the
/// answer straight back.
protocol StoreWorker: AnyObject {
    /// The session whose presence this is: published as ours, left out of the others.
    var session: String { get }
    /// Readable when replies are waiting; nil when they are ready as soon as a job is submitted.
    var wakeDescriptor: Int32? { get }
    func submit(_ job: StoreJob)
    func takeReplies() -> [StoreReply]
    /// Called once every submitted job is done; no job may follow.
    func stop()
}

/// Replies posted by the store's owner, taken by the loop.
final class ReplyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [StoreReply] = []
    private let bell: WakePipe?

    init(bell: WakePipe?) { self.bell = bell }

    func post(_ reply: StoreReply) {
        lock.withLock { replies.append(reply) }
        bell?.ring()
    }

    func take() -> [StoreReply] {
        bell?.drain()
        return lock.withLock {
            defer { replies.removeAll() }
            return replies
        }
    }
}

/// Does jobs on the store, on the one thread that owns it, and posts what came of each.
final class StoreDesk {
    let store: any StoreSession
    private let session: String
    private let log: FileLog
    private let replies: ReplyBox
    /// The last list of others posted, so an unchanged one is not posted again.
    private var posted: [Presence]?

    init(store: any StoreSession, session: String, log: FileLog, replies: ReplyBox) {
        self.store = store
        self.session = session
        self.log = log
        self.replies = replies
        store.observeLockWaits { [replies] holder in replies.post(.lockBusy(holder)) }
    }

    func run(_ job: StoreJob) {
        defer { replies.post(.done) }
        switch job {
        case .restoreWork(let login):
            if let wip = try? store.workInProgress(for: login) { replies.post(.restored(wip)) }
        case .apply(let requests, let at, let mode):
            apply(requests, at: at, mode: mode)
        case .follow:
            follow([.journal, .presence])
        case .publish(let presence):
            do { try store.publish(presence) } catch { log.write("could not publish presence: \(error)") }
        case .saveWork(let wip):
            do {
                try store.saveWorkInProgress(wip)
            } catch {
                log.write("could not save the unsent reply: \(error)")
                replies.post(.workNotSaved((error as? StoreError)?.short ?? "\(error)"))
            }
        case .clearWork(let login):
            store.clearWorkInProgress(for: login)
        case .withdraw(let session):
            store.withdraw(session: session)
        }
    }

    private func apply(_ requests: [Request], at now: Date, mode: BatchMode) {
        do {
            let results = try store.applyBatch(requests, at: now, mode: mode)
            replies.post(.applied(zip(requests, results).map { Answer($0, $1) }, store.workspace, events: store.takeNewEvents()))
        } catch {
            log.write("could not apply \(requests.map(\.command.summary)) for \(requests.first?.actor ?? "?"): \(error)")
            let text = (error as? StoreError)?.short ?? "\(error)"
            replies.post(.notApplied(text, store.workspace, events: store.takeNewEvents()))
        }
    }

    /// Picks up others' events and whereabouts; posts only what changed.
    func follow(_ changes: StoreWatch.Changes) {
        if changes.contains(.journal) {
            do {
                if try !store.refresh().isEmpty {
                    replies.post(.changed(store.workspace, events: store.takeNewEvents()))
                }
            } catch {
                log.write("could not follow the journal: \(error)")
                replies.post(.followFailed("\(error)"))
            }
        }
        if changes.contains(.presence) {
            let others = store.presences(excluding: session, now: Date())
            if others != posted {
                posted = others
                replies.post(.presences(others))
            }
        }
    }
}

/// Does every job at once, on the caller's thread: `send` returns with its answer in.
final class InlineStoreWorker: StoreWorker {
    private let box = ReplyBox(bell: nil)
    private let desk: StoreDesk
    let session: String

    init(store: any StoreSession, session: String, log: FileLog) {
        self.session = session
        desk = StoreDesk(store: store, session: session, log: log, replies: box)
    }

    var wakeDescriptor: Int32? { nil }
    func submit(_ job: StoreJob) { desk.run(job) }
    func takeReplies() -> [StoreReply] { box.take() }
    func stop() {}
}
