import EarshotCore
import EarshotStore
import Foundation

/// Where this session is, as other sessions are told.
struct PresenceSpot: Equatable {
    var item: String?
    var replying: Bool
}

/// The things that fall due with time, and how long the loop may sleep before the
/// next of them: nothing here polls.
extension ConsoleRuntime {
    /// Until the earliest deadline, in milliseconds, rounded up; -1 when nothing is due.
    func millisecondsToNextDeadline() -> Int {
        let now = clock()
        // The minute turning moves ages, due times and the clock on screen.
        var next = Date(timeIntervalSince1970: (floor(now.timeIntervalSince1970 / 60) + 1) * 60)
        if let since = state.composer?.unsavedSince { next = min(next, since.addingTimeInterval(saveDelay)) }
        if let due = presenceDue { next = min(next, due) }
        if let due = noticeDeadline(now: now) { next = min(next, due) }
        return max(0, Int((next.timeIntervalSince(now) * 1000).rounded(.up)))
    }

    func doWhatIsDue() {
        saveWorkIfDue(force: false)
        publishPresenceIfDue()
        // A worker that works inline has answered already.
        absorbReplies()
    }

    func saveWorkIfDue(force: Bool) {
        guard let composer = state.composer, let since = composer.unsavedSince else { return }
        let now = clock()
        guard force || now.timeIntervalSince(since) >= saveDelay else { return }
        submit(.saveWork(state.workInProgress(composer)))
        _ = send(.workSaved(now))
    }

    /// Tells other sessions which item we are on and whether we are replying to it,
    /// once it has settled. Presence runs on the wall clock, whatever the demo clock says.
    func publishPresenceIfDue() {
        let item = state.composer?.item ?? (state.focus == .inbox ? state.selectedItem?.id : nil)
        let spot = PresenceSpot(item: item, replying: state.composer != nil && state.mode == .compose)
        let now = clock()
        guard spot != presenceSent else {
            presenceDue = nil
            return
        }
        guard let due = presenceDue else {
            presenceDue = now.addingTimeInterval(presenceDelay)
            return
        }
        guard now >= due else { return }
        submit(.publish(Presence(login: state.me.login, session: session, item: spot.item, replying: spot.replying, updatedAt: Date())))
        presenceSent = spot
        presenceDue = nil
    }

    // MARK: Waiting for the store

    /// What the status line says while the store keeps us waiting: nothing for the
    /// first moments, then who holds the lock (or that we are saving).
    func noticeText(now: Date) -> String? {
        guard let oldest = pending.first?.at else { return nil }
        if let wait = lockWait, now.timeIntervalSince(wait.since) >= noticeDelay {
            guard let holder = wait.holder else {
                return "Waiting for the store: another program holds its lock (\(Int(now.timeIntervalSince(wait.since))) s so far)"
            }
            let held = max(0, Int(Date().timeIntervalSince(holder.since)))
            return "Waiting for the store: locked by \(holder.login) (pid \(holder.pid)) for \(held) s"
        }
        return now.timeIntervalSince(oldest) >= noticeDelay ? "Saving…" : nil
    }

    /// When the notice next appears or changes (its seconds count up); held keys go then too.
    func noticeDeadline(now: Date) -> Date? {
        guard let oldest = pending.first?.at else { return nil }
        if let wait = lockWait {
            let shows = wait.since.addingTimeInterval(noticeDelay)
            if now < shows { return shows }
            let elapsed = wait.holder.map { Date().timeIntervalSince($0.since) } ?? now.timeIntervalSince(wait.since)
            return now.addingTimeInterval(1 - elapsed.truncatingRemainder(dividingBy: 1))
        }
        let shows = oldest.addingTimeInterval(noticeDelay)
        return now < shows ? shows : nil
    }

    /// Puts the notice in the status line, or gives the line back once the wait is over.
    func updateNotice() {
        let text = noticeText(now: clock())
        if let text {
            if state.message?.text != text {
                let covered = notice?.covered ?? state.message
                state.message = StatusMessage(text, lockWait == nil ? .info : .warning)
                notice = (text, covered)
                dirty = true
            }
        } else if let shown = notice {
            // Only if nothing has replaced it since (an answer's own message stays).
            if state.message?.text == shown.text { state.message = shown.covered }
            notice = nil
            dirty = true
        }
    }

    /// Before quitting or suspending: every job handed to the store is done. The
    /// screen keeps saying what we wait for.
    func waitForPendingJobs() {
        while !pending.isEmpty {
            let sources = [worker.wakeDescriptor].compactMap { $0 }
            if sources.isEmpty { absorbReplies(); break }
            let timeout = noticeDeadline(now: clock()).map { max(0, Int(($0.timeIntervalSince(clock()) * 1000).rounded(.up))) } ?? -1
            _ = waiter.wait(for: sources, timeoutMilliseconds: timeout)
            absorbReplies()
            if dirty, backend.isConnected { draw() }
        }
    }
}
