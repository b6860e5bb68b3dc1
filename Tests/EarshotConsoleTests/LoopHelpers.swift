@testable import EarshotConsole
import EarshotCore
@testable import EarshotStore
import Foundation
import Terminal
import TestSupport

/// A terminal with a real descriptor, so the loop waits on it in poll(2) as it does on
/// a tty: `type` queues keys and makes the descriptor readable. Frames go to an
/// in-memory terminal.
@MainActor final class PipeBackend: TerminalBackend {
    let screen: InMemoryBackend
    private var keys: [Key] = []
    private let readEnd: Int32
    private let writeEnd: Int32

    init(size: Size = Size(width: 80, height: 24)) {
        screen = InMemoryBackend(size: size)
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        (readEnd, writeEnd) = (ends[0], ends[1])
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func type(_ more: [Key]) {
        keys += more
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    var size: Size { screen.size }
    var capabilities: Capabilities { screen.capabilities }
    var inputDescriptor: Int32? { readEnd }
    var isConnected: Bool { true }
    func draw(_ frame: Frame) { screen.draw(frame) }
    func shutdown() {}
    func suspend() {}

    func readKey(timeoutMilliseconds: Int) -> Key? {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
        return keys.isEmpty ? nil : keys.removeFirst()
    }

    func text() -> String { screen.screenText() }
}

/// Turns the loop until `done` holds, waiting at most 50 ms a turn, for at most
/// `turns` turns (a bound so a broken build fails instead of hanging; not a speed test).
@MainActor func turn(_ runtime: ConsoleRuntime, turns: Int = 400, until done: () -> Bool) -> Bool {
    for _ in 0..<turns {
        if done() { return true }
        runtime.step(maxWaitMilliseconds: 50)
    }
    return done()
}

/// Holds a store's writers' lock on another thread, as another process would, until released.
final class LockHeld: @unchecked Sendable {
    private let taken = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)
    private let over = DispatchSemaphore(value: 0)
    private let store: Store

    init(_ store: Store, as login: String) {
        self.store = store
        store.lockHolderLogin = login
        Thread { [self] in
            _ = try? self.store.withWriteLock {
                taken.signal()
                release.wait()
            }
            over.signal()
        }.start()
        taken.wait()
    }

    func letGo() {
        release.signal()
        over.wait()
    }
}
