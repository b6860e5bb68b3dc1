import EarshotConsole
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
}
