@testable import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// A terminal where nobody types for a while: `script` is read one entry per wait,
/// nil being a wait that timed out. Counts the frames drawn.
final class QuietBackend: TerminalBackend {
    var size = Size(width: 80, height: 24)
    var capabilities = Capabilities(colors: 256, unicode: true)
    var script: [Key?]
    private(set) var draws = 0
    private(set) var lastFrame: Frame?

    init(script: [Key?]) { self.script = script }
    func draw(_ frame: Frame) {
        draws += 1
        lastFrame = frame
    }
    func readKey(timeoutMilliseconds: Int) -> Key? { script.isEmpty ? .char("q") : script.removeFirst() }
    func shutdown() {}
    var isConnected: Bool { true }
    func suspend() {}
}

/// An idle console draws nothing: a frame only after a change.
@MainActor @Suite struct IdleDrawTests {
    @Test func waitsWithoutKeysDrawNoFrames() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let backend = QuietBackend(script: Array(repeating: nil, count: 50) + [.char("j")] + Array(repeating: nil, count: 50))
        let state = AppState(workspace: store.workspace, me: store.workspace.member("aisha")!, now: Fixture.now, size: backend.size)
        let runtime = ConsoleRuntime(state: state, backend: backend, store: store, clock: { Fixture.now })
        runtime.run()
        // The first frame, and one after `j`; none for the hundred quiet waits.
        #expect(backend.draws == 2)
        #expect(runtime.state.inbox.index == 1)
    }

    /// Goal 4 of issue 13: an idle console sleeps until something is due. An hour of
    /// a (fake) clock passes in the waits the loop asks for; it wakes once a minute,
    /// for the clock on screen, and for nothing else.
    @Test func anIdleHourWakesTheLoopOnceAMinute() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let clock = FakeClock(Fixture.now)
        let backend = PipeBackend()
        backend.type([.char("q")])
        let waiter = CountingWaiter(clock: clock, input: backend.inputDescriptor!, until: Fixture.now.addingTimeInterval(3_600))
        let state = AppState(workspace: store.workspace, me: store.workspace.member("aisha")!, now: Fixture.now, size: backend.size)
        let runtime = ConsoleRuntime(state: state, backend: backend, worker: InlineStoreWorker(store: store, session: "t:1", log: .none),
                                     clock: { clock.now }, log: .none, waiter: waiter)
        runtime.run()
        #expect(runtime.state.now >= Fixture.now.addingTimeInterval(3_600), "the hour did pass")
        #expect(runtime.wakeups <= 62, "woke \(runtime.wakeups) times in an hour; waits asked for (ms): \(waiter.waits.prefix(10))")
        // Only the minute's turning woke it: the screen changed each time, and it drew no more.
        #expect(backend.screen.drawCount <= 62)
    }
}

/// A clock that moves only when the loop sleeps.
final class FakeClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}

/// Stands in for poll(2): nothing ever arrives, so each wait lasts its whole timeout,
/// until `until`, when the terminal becomes readable (the script's `q`).
final class CountingWaiter: LoopWaiter {
    let clock: FakeClock
    let input: Int32
    let until: Date
    private(set) var waits: [Int] = []

    init(clock: FakeClock, input: Int32, until: Date) {
        self.clock = clock
        self.input = input
        self.until = until
    }

    func wait(for descriptors: [Int32], timeoutMilliseconds: Int) -> Set<Int32> {
        waits.append(timeoutMilliseconds)
        if clock.now >= until { return [input] }
        // A wait without a timeout while nothing can come would be a hang: end the hour.
        clock.now = timeoutMilliseconds < 0 ? until : clock.now.addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        return []
    }
}
