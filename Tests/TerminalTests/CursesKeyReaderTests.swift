// Real ncurses (keypad on, xterm-256color terminfo) reading bytes from a file, to show
// what get_wch actually returns for Alt keys, Ctrl-arrows and bracketed paste decodes right.
import CNCurses
import Testing
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
@testable import Terminal

@Suite(.serialized) @MainActor struct CursesKeyReaderTests {
    /// All keys ncurses yields for `bytes` typed at once.
    func keys(for bytes: String) throws -> [Key] {
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
        // A pipe kept open, like a terminal: no end-of-file, just silence after the bytes.
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let input = try #require(fdopen(fds[0], "r"))
        defer { fclose(input); close(fds[1]) }
        let utf8 = Array(bytes.utf8)
        try #require(write(fds[1], utf8, utf8.count) == utf8.count)
        let output = try #require(fopen("/dev/null", "w"))
        defer { fclose(output) }
        let savedTerm = getenv("TERM").map { String(cString: $0) }
        setenv("TERM", "xterm-256color", 1)
        defer { if let savedTerm { setenv("TERM", savedTerm, 1) } else { unsetenv("TERM") } }
        let screen = try #require(newterm(nil, output, input))
        defer { endwin(); delscreen(screen) }
        set_term(screen)
        let window = try #require(cn_stdscr())
        cbreak(); noecho(); nonl()
        keypad(window, true)
        set_escdelay(25)  // as NCursesBackend does; the default is a whole second
        let reader = CursesKeyReader(window: window)
        var out: [Key] = []
        while let key = reader.next(timeoutMilliseconds: 0), out.count < 50 { out.append(key) }
        return out
    }

    @Test func pasteAltAndCtrlArrowsThroughRealNcurses() throws {
        let keys = try keys(for: "a\u{1B}[200~héllo\r\n日本 😀\u{1B}[A\u{1B}[201~q\u{1B}x\u{1B}\u{7F}\u{1B}[1;5D\u{1B}[1;5C\u{1B}OA")
        // "\e[A" is not a key for xterm-256color in keypad mode (that sends "\eOA"): inside
        // the paste it stays text, for Frame.put to neutralise.
        #expect(keys == [.char("a"), .paste("héllo\n日本 😀\u{1B}[A"), .char("q"), .alt("x"), .altBackspace,
                         .ctrlLeft, .ctrlRight, .up])
    }

    @Test func anUnterminatedPasteIsNotLost() throws {
        #expect(try keys(for: "\u{1B}[200~half a reply") == [.paste("half a reply")])
    }

    @Test func aLoneEscapeAtTheEndIsEscape() throws {
        let k = try keys(for: "b\u{1B}")
        #expect(k == [.char("b"), .escape])
    }
}
