// A terminal in memory, for tests of everything above the backend:
// scripted keys in, frames out, and a count of what a real terminal would repaint.

@MainActor
public final class InMemoryBackend: TerminalBackend {
    /// Settable so a test can simulate a resize.
    public var size: Size
    public var capabilities: Capabilities
    /// readKey takes from the front. When it is empty the script has ended: the
    /// terminal counts as gone, so a loop that should have quit stops instead of hanging.
    public var pendingKeys: [Key] = []
    /// Set when something read past the end of `pendingKeys`.
    public private(set) var ranOutOfKeys = false
    public private(set) var suspendCount = 0
    public private(set) var lastFrame: Frame?
    /// Cells written by the last draw, to prove only changes are painted.
    public private(set) var paintedCells = 0
    public private(set) var drawCount = 0
    public private(set) var isShutDown = false

    public init(size: Size, capabilities: Capabilities = .init(colors: 256, unicode: true)) {
        self.size = size
        self.capabilities = capabilities
    }

    public func draw(_ frame: Frame) {
        // Mirror the real backend: without Unicode every frame is drawn as ASCII.
        let target = capabilities.unicode ? frame : frame.asciiFolded()
        paintedCells = target.changes(since: lastFrame).count
        lastFrame = target
        drawCount += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if pendingKeys.isEmpty { ranOutOfKeys = true; return nil }
        return pendingKeys.removeFirst()
    }

    public var isConnected: Bool { !ranOutOfKeys && !isShutDown }

    public func suspend() { suspendCount += 1 }

    public func shutdown() { isShutDown = true }

    /// What the screen shows, as plain text.
    public func screenText() -> String { lastFrame?.text() ?? "" }
}
