// Reads get_wch results from a window and runs them through InputDecoder. Apart from
// NCursesBackend so tests can feed it bytes through a real ncurses on a file.
import CNCurses

@MainActor
final class CursesKeyReader {
    private let window: UnsafeMutablePointer<WINDOW>
    private var decoder = InputDecoder()
    /// Keys decoded but not yet returned (one read can complete several).
    private var queued: [Key] = []

    init(window: UnsafeMutablePointer<WINDOW>) {
        self.window = window
    }

    /// The next key, or nil after `timeoutMilliseconds` of nothing (negative waits forever).
    /// Half a sequence (ESC, ESC [, a paste) waits only as long as the decoder asks.
    func next(timeoutMilliseconds: Int) -> Key? {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            let pending = decoder.pendingWaitMilliseconds
            let input = readRaw(timeoutMilliseconds: pending ?? timeoutMilliseconds)
            queued.append(contentsOf: decoder.feed(input))
            if queued.isEmpty, pending == nil, case .idle = input { return nil }
        }
    }

    private func readRaw(timeoutMilliseconds: Int) -> RawInput {
        wtimeout(window, Int32(clamping: max(-1, timeoutMilliseconds)))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case ERR: return .idle(milliseconds: max(0, timeoutMilliseconds))
        case KEY_CODE_YES:
            // Extended keys (Ctrl-Left is kLFT5) are recognised by name, not number.
            let name = keyname(Int32(bitPattern: UInt32(value))).map { String(cString: $0) }
            return .keyCode(UInt32(value), name: name)
        default: return .char(UInt32(value))
        }
    }
}
