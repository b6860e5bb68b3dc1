import EarshotStore
import Foundation

/// The store's own thread: it owns the `StoreSession` from the moment it is handed
/// over, does the loop's jobs in order (appends with their flock and fsync, unsent
/// replies, presence), and follows other sessions by waiting on the store's watch
/// (inotify), so neither it nor the loop wakes while nothing happens. Where there is
/// no watch it looks every `fallbackSeconds` instead.
///
/// Everything crossing between the threads is a `Sendable` value: jobs in, replies
/// out, each through a lock-protected list and a pipe that wakes the other side's poll.
public final class StoreThread: StoreWorker, @unchecked Sendable {
    // Touched only on the store's thread.
    private let desk: StoreDesk
    let session: String
    private let watching: Bool
    private let fallbackMilliseconds: Int
    private let log: FileLog

    private let replies: ReplyBox
    private let replyBell: WakePipe
    private let jobBell: WakePipe
    private let lock = NSLock()
    private var jobs: [StoreJob] = []
    private var stopping = false
    private var ended = false
    private let finished = DispatchSemaphore(value: 0)
    /// How often the thread has woken: a test proves it sleeps while nothing happens.
    private var wakeCount = 0

    /// `watching: false` leaves out the store's watch (to test the slow fallback).
    public init?(store: sending any StoreSession, session: String = Presence.currentSession, log: FileLog = .none,
                 watching: Bool = true, fallbackSeconds: Double = 3) {
        guard let replyBell = WakePipe(), let jobBell = WakePipe() else { return nil }
        self.replyBell = replyBell
        self.jobBell = jobBell
        self.session = session
        self.watching = watching
        self.log = log
        fallbackMilliseconds = Int(fallbackSeconds * 1000)
        replies = ReplyBox(bell: replyBell)
        desk = StoreDesk(store: store, session: session, log: log, replies: replies)
        Thread { [self] in loop() }.start()
    }

    var wakeDescriptor: Int32? { replyBell.readEnd }

    func submit(_ job: StoreJob) {
        lock.withLock { jobs.append(job) }
        jobBell.ring()
    }

    func takeReplies() -> [StoreReply] { replies.take() }

    /// Times the thread woke up so far.
    public var wakeups: Int { lock.withLock { wakeCount } }

    /// Ends the thread once its jobs are done, and waits for it.
    public func stop() {
        let alreadyEnded = lock.withLock {
            stopping = true
            return ended
        }
        jobBell.ring()
        if !alreadyEnded { finished.wait() }
    }

    private func loop() {
        // Signals go to the loop's thread, whose poll they must interrupt.
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        let watch = watching ? desk.store.watch(ownSession: session) : nil
        if watch == nil {
            log.write("not watching the store (no inotify, or its limit is reached): looking for changes every \(fallbackMilliseconds) ms")
        }
        let waiter = PollWaiter()
        while true {
            let descriptors = [jobBell.readEnd] + (watch.map { [$0.descriptor] } ?? [])
            let ready = waiter.wait(for: descriptors, timeoutMilliseconds: watch == nil ? fallbackMilliseconds : -1)
            jobBell.drain()
            let (batch, stop) = lock.withLock {
                wakeCount += 1
                defer { jobs.removeAll() }
                return (jobs, stopping)
            }
            if let watch, ready.contains(watch.descriptor) {
                desk.follow(watch.drain())
            } else if watch == nil, ready.isEmpty {
                desk.follow([.journal, .presence])
            }
            for job in batch { desk.run(job) }
            if stop, lock.withLock({ jobs.isEmpty }) { break }
        }
        lock.withLock { ended = true }
        finished.signal()
    }
}
