@testable import EarshotConsole
import EarshotCore
@testable import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// Issue 13, goal 5: the store works on its own thread, so the keyboard never waits
/// for it; and goal 4: others' changes arrive through the store's watch, not polling.
@MainActor @Suite struct StoreThreadTests {
    func console(_ temp: TemporaryStore, as login: String = "aisha", watching: Bool = true,
                 fallbackSeconds: Double = 3_600, frozen: Bool = false) throws -> (ConsoleRuntime, PipeBackend, StoreThread) {
        let store = try Store(at: temp.root)
        let backend = PipeBackend()
        let state = AppState(workspace: store.workspace, me: store.workspace.member(login)!, now: Fixture.now, size: backend.size)
        // By default others' changes must come through the watch: the fallback would take an hour.
        guard let thread = StoreThread(store: store, session: "test:\(login)", watching: watching, fallbackSeconds: fallbackSeconds) else {
            throw StoreError.io(file: "a pipe", operation: "make", errno: EMFILE)
        }
        let started = Date()
        let runtime = ConsoleRuntime(state: state, backend: backend, storeThread: thread,
                                     clock: { frozen ? Fixture.now : Fixture.now.addingTimeInterval(Date().timeIntervalSince(started)) })
        runtime.start()
        return (runtime, backend, thread)
    }

    @Test func keysKeepWorkingWhileAnotherWriterHoldsTheLockAndTheScreenSaysWho() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, thread) = try console(temp)
        defer { runtime.finish() }
        let ben = LockHeld(try temp.open(), as: "ben")
        backend.type([.char("d")])
        let waiting = "Waiting for the store: locked by ben (pid \(getpid()))"
        #expect(turn(runtime) { backend.text().contains(waiting) }, "screen: \(backend.text())")
        // The keyboard is not frozen: the cursor moves while the triage waits.
        backend.type([.char("j"), .char("j")])
        #expect(turn(runtime) { runtime.state.inbox.index == 2 })
        #expect(runtime.state.workspace.items["i-1"]?.status == .new)
        #expect(try temp.journalLines().isEmpty)
        ben.letGo()
        // Once the lock is free the triage is applied, once, and the notice goes.
        #expect(turn(runtime) { runtime.state.workspace.items["i-1"]?.status == .handled && !backend.text().contains("Waiting") })
        #expect(try temp.journalLines().count == 1)
        #expect(backend.text().contains("Marked handled: Sam Lee on X"))
        _ = thread
    }

    @Test func anotherSessionsChangeArrivesThroughTheWatch() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try console(temp)
        defer { runtime.finish() }
        #expect(turn(runtime) { backend.text().contains("needs-reply") })
        let other = try temp.open()
        _ = try other.apply(Request(.triage(item: "i-2", to: .handled), by: "ben", basedOn: 1), at: Fixture.now)
        #expect(turn(runtime) { runtime.state.workspace.items["i-2"]?.status == .handled }, "the change never arrived")
        #expect(!backend.text().contains("needs-reply"))
        // Presence too: another session opens on an item and the row shows it.
        try other.publish(Presence(login: "ben", session: "other:1", item: "i-1", replying: true, updatedAt: Date()))
        #expect(turn(runtime) { runtime.state.presences.map(\.login) == ["ben"] })
        other.withdraw(session: "other:1")
        #expect(turn(runtime) { runtime.state.presences.isEmpty })
    }

    @Test func aQuitWaitsForTheWriteInFlightThenSavesTheUnsentReply() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try console(temp)
        let ben = LockHeld(try temp.open(), as: "ben")
        backend.type([.char("d"), .char("j"), .char("r")] + "not lost".map { Key.char($0) })
        #expect(turn(runtime) { runtime.state.composer?.editor.text == "not lost" })
        // Let go from another thread a moment after the quit has started waiting.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { ben.letGo() }
        runtime.finish()
        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(try reopened.workInProgress(for: "aisha")?.text == "not lost")
    }

    @Test func withoutAWatchTheThreadLooksNowAndThen() throws {
        let temp = try TemporaryStore()
        let (runtime, _, _) = try console(temp, watching: false, fallbackSeconds: 0.05)
        defer { runtime.finish() }
        _ = try temp.open().apply(Request(.triage(item: "i-2", to: .handled), by: "ben", basedOn: 1), at: Fixture.now)
        #expect(turn(runtime) { runtime.state.workspace.items["i-2"]?.status == .handled }, "the change never arrived")
    }

    @Test func keysTypedRightBehindARequestWaitForItsAnswer() throws {
        let temp = try TemporaryStore()
        // A frozen clock: however long the disk takes, it is never "too long", so the
        // second `d` must wait for the first one's answer (and the cursor it moves).
        let (runtime, backend, _) = try console(temp, frozen: true)
        defer { runtime.finish() }
        backend.type([.char("d"), .char("d")])
        #expect(turn(runtime) { runtime.state.workspace.items["i-2"]?.status == .handled })
        #expect(runtime.state.workspace.items["i-1"]?.status == .handled)
        #expect(try temp.journalLines().count == 2, "one triage each, no refusal")
        #expect(runtime.state.message?.text.contains("since you loaded it") == false)
    }

    @Test func aPromptAnswerIsDrawnInTheSameFrameAsItsKey() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try console(temp, frozen: true)
        defer { runtime.finish() }
        #expect(turn(runtime) { runtime.state.presences.isEmpty && runtime.pending.isEmpty })
        let frames = backend.screen.drawCount
        backend.type([.char("d")])
        #expect(turn(runtime) { backend.text().contains("Marked handled: Sam Lee on X") })
        #expect(backend.screen.drawCount == frames + 1, "a frame before the answer and another after it")
    }
}
