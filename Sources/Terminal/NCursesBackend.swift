// The real terminal, through ncurses. Every call happens on the main actor:
// ncurses is not thread-safe.
import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@MainActor
public final class NCursesBackend: TerminalBackend {
    public struct Options: Sendable {
        /// Draw plain ASCII even when the locale could do UTF-8.
        public var ascii: Bool
        /// No colour even when the terminal has it (also honoured via NO_COLOR).
        public var forceMonochrome: Bool
        public init(ascii: Bool = false, forceMonochrome: Bool = false) {
            self.ascii = ascii
            self.forceMonochrome = forceMonochrome
        }
    }

    public enum StartError: Error, CustomStringConvertible {
        case cannotOpenTerminal(term: String?)
        case notATerminal
        public var description: String {
            switch self {
            case .notATerminal:
                return "The console needs a terminal: standard input and output must both be one "
                    + "(not a pipe, a file or a closed terminal). Run earshot from a terminal window or an ssh -t session."
            case .cannotOpenTerminal(let term):
                return "Could not start the full-screen terminal (TERM=\(term ?? "unset")). "
                    + "Set TERM to your terminal type, e.g. TERM=xterm-256color, and try again."
            }
        }
    }

    public let capabilities: Capabilities
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let painter: CursesPainter
    private var previous: Frame?
    private var isShutDown = false
    private var lostTerminal = false
    private let keys: CursesKeyReader

    /// xterm's bracketed-paste mode: pasted text arrives between ESC[200~ and ESC[201~,
    /// so a paste is one key instead of thousands, and its newlines do not press Enter.
    static let bracketedPasteOn = "\u{1b}[?2004h"
    static let bracketedPasteOff = "\u{1b}[?2004l"

    public init(options: Options = Options()) throws {
        // Without a terminal every read fails at once and the loop would spin: refuse instead.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        let utf8 = TerminalLocale.setUp()
        // newterm, unlike initscr, reports failure instead of exiting the process.
        guard let screen = newterm(nil, cn_stdout(), cn_stdin()) else {
            throw StartError.cannotOpenTerminal(term: Self.env("TERM"))
        }
        self.screen = screen
        set_term(screen)
        guard let window = cn_stdscr() else {
            endwin()
            throw StartError.cannotOpenTerminal(term: Self.env("TERM"))
        }
        self.window = window
        self.keys = CursesKeyReader(window: window)
        // Raw, not cbreak: every control key reaches the program (C-z is the editor's undo,
        // C-s and C-q are not flow control, C-\ does not dump core). C-c arrives as a key and
        // quits cleanly; hang-up and terminate still arrive as signals (see Signals).
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        // A lone Esc should feel instant; users who set ESCDELAY keep their value.
        if Self.env("ESCDELAY") == nil { set_escdelay(25) }
        curs_set(1)

        var colors = 0
        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() != ERR
            let noColor = !(Self.env("NO_COLOR") ?? "").isEmpty
            if !options.forceMonochrome && !noColor {
                colors = ColorMapper.bucket(Int(min(cn_colors(), 256)))
            }
        }
        capabilities = Capabilities(colors: colors, unicode: utf8 && !options.ascii)
        painter = CursesPainter(colors: colors, defaultColors: defaultColors)
        // Terminals that do not know the mode ignore the sequence.
        Self.writeRaw(Self.bracketedPasteOn)
    }

    /// Always current: ncurses updates LINES/COLS when it reports KEY_RESIZE.
    public var size: Size {
        Size(width: Int(cn_cols()), height: Int(cn_lines()))
    }

    public func draw(_ frame: Frame) {
        guard !isShutDown else { return }
        let target = capabilities.unicode ? frame : frame.asciiFolded()
        var base = previous
        if let old = previous, old.size != target.size {
            // Only after a resize: the terminal may have reflowed, so repaint everything.
            wclear(window)
            base = nil
        }
        painter.paint(target, previous: base, into: window)
        painter.placeCursor(target, into: window)
        wnoutrefresh(window)
        doupdate()
        previous = target
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !isShutDown, isConnected else { return nil }
        return keys.next(timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Standard input: the loop polls it beside the store's descriptors.
    public var inputDescriptor: Int32? { STDIN_FILENO }

    /// False once the terminal has gone (its window closed, the connection dropped)
    /// even if no SIGHUP came: reads then fail at once, so the loop must stop.
    public var isConnected: Bool {
        if isShutDown { return false }
        if lostTerminal { return false }
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        if poll(&fds, 1, 0) < 0 || fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || isatty(STDIN_FILENO) != 1 {
            lostTerminal = true
        }
        return !lostTerminal
    }

    /// Stops the process the way a shell's C-z would, with the terminal restored,
    /// and repaints everything when it is continued (`fg`).
    public func suspend() {
        guard !isShutDown else { return }
        endwin()
        Self.writeRaw(Self.bracketedPasteOff)
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Continued: ncurses takes the terminal back on the next refresh.
        Self.writeRaw(Self.bracketedPasteOn)
        clearok(window, true)
        previous = nil
    }

    /// Restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        endwin()
        Self.writeRaw(Self.bracketedPasteOff)
    }

    /// Bytes for the terminal that ncurses has no capability for.
    private static func writeRaw(_ s: String) {
        fputs(s, cn_stdout())
        fflush(cn_stdout())
    }

    private static func env(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
