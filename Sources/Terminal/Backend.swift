// What the app talks to: a real terminal (NCursesBackend) or a fake one for tests.

public struct Capabilities: Hashable, Sendable {
    /// 0 (monochrome), 8, 16 or 256.
    public var colors: Int
    /// false when the locale cannot do UTF-8: frames are then drawn as ASCII.
    public var unicode: Bool
    public init(colors: Int, unicode: Bool) {
        self.colors = colors
        self.unicode = unicode
    }
}

@MainActor
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    var capabilities: Capabilities { get }
    /// Paints only cells that differ from the last drawn frame, then places the real cursor.
    func draw(_ frame: Frame)
    /// The next key, or nil after `timeoutMilliseconds` (negative waits forever).
    func readKey(timeoutMilliseconds: Int) -> Key?
    func shutdown()
    /// False once the terminal is gone (or a test's script of keys has run out).
    var isConnected: Bool { get }
    /// Hands the terminal back and stops the process until it is continued.
    func suspend()
    /// The descriptor that becomes readable when a key may be waiting, so a loop can
    /// wait for keys and other things at once (poll) and then read with timeout 0.
    /// Nil for backends that are their own wait (`readKey` with the loop's timeout).
    var inputDescriptor: Int32? { get }
}

extension TerminalBackend {
    public var inputDescriptor: Int32? { nil }
}
