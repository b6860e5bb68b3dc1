// Drives the real ncurses painting code without a terminal: a `newterm` screen whose
// input and output are /dev/null, read back with mvwinnwstr (rows) and mvwin_wch (single cells).
import CNCurses
import Testing
@testable import Terminal

/// One off-screen ncurses session; ncurses keeps global state, so these tests run serially.
@MainActor
final class HeadlessCurses {
    let file: UnsafeMutablePointer<FILE>
    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>

    init() throws {
        // Wide characters need a UTF-8 locale, and newterm needs a terminal type.
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
        file = try #require(fopen("/dev/null", "r+"))
        // A known type, whatever CI sets (unset, "dumb"); newterm only reads TERM while it runs.
        let savedTerm = getenv("TERM").map { String(cString: $0) }
        setenv("TERM", "xterm-256color", 1)
        defer {
            if let savedTerm { setenv("TERM", savedTerm, 1) } else { unsetenv("TERM") }
        }
        screen = try #require(newterm(nil, file, file))
        set_term(screen)
        window = try #require(cn_stdscr())
    }

    var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

    /// A row as ncurses holds it, wide characters once.
    func row(_ y: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: 512)
        let n = mvwinnwstr(window, Int32(y), 0, &buffer, Int32(buffer.count - 1))
        let scalars = buffer.prefix(max(0, Int(n))).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        var text = String(String.UnicodeScalarView(scalars))
        while text.last == " " { text.removeLast() }
        return text
    }

    /// One cell as ncurses holds it: its first wide char, attributes and colour pair.
    func cell(x: Int, y: Int) -> (char: UInt32, attrs: attr_t, pair: Int16) {
        var raw = cchar_t()
        _ = mvwin_wch(window, Int32(y), Int32(x), &raw)
        var chars = [wchar_t](repeating: 0, count: Int(cn_ccharw_max()) + 1)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&raw, &chars, &attrs, &pair, nil)
        return (UInt32(bitPattern: chars[0]), attrs, pair)
    }

    func close() {
        endwin()
        delscreen(screen)
        fclose(file)
    }
}

@Suite(.serialized) @MainActor struct CursesPainterTests {
    @Test func paintsAccentsAndCJKAtTheRightCells() throws {
        let curses = try HeadlessCurses()
        defer { curses.close() }
        let painter = CursesPainter(colors: 0, defaultColors: false)
        var frame = Frame(size: curses.size)
        frame.put("café", x: 2, y: 1)
        frame.put("日本", x: 3, y: 2, style: Style(attrs: [.bold, .underline]))
        frame.put("e\u{301}!", x: 0, y: 3)
        let painted = painter.paint(frame, previous: nil, into: curses.window)

        #expect(painted == frame.size.width * frame.size.height - 2)  // each wide char is one paint
        #expect(curses.row(1) == "  café")
        #expect(curses.row(2) == "   日本")
        #expect(curses.row(3).unicodeScalars.map(\.value) == [0x65, 0x301, 0x21])
        #expect(curses.cell(x: 3, y: 2).char == 0x65E5)   // 日 at column 3
        #expect(curses.cell(x: 5, y: 2).char == 0x672C)   // 本 at column 5: 日 took two columns
        #expect(curses.cell(x: 2, y: 2).char == 0x20)
        #expect(curses.cell(x: 7, y: 2).char == 0x20)
        #expect(curses.cell(x: 3, y: 2).attrs & cn_a_bold() != 0)
        #expect(curses.cell(x: 3, y: 2).attrs & cn_a_underline() != 0)
        #expect(curses.cell(x: 2, y: 2).attrs & cn_a_bold() == 0)
        #expect(curses.cell(x: 5, y: 1).char == 0xE9)     // é at column 5
    }

    @Test func repaintsOnlyWhatChangedAndFixesHalfCoveredWideChars() throws {
        let curses = try HeadlessCurses()
        defer { curses.close() }
        let painter = CursesPainter(colors: 0, defaultColors: false)
        var first = Frame(size: curses.size)
        first.put("日本 status", x: 0, y: 0)
        painter.paint(first, previous: nil, into: curses.window)

        var second = first
        second.put("x", x: 0, y: 0)   // covers the left half of 日
        second.put("S", x: 5, y: 0)
        let painted = painter.paint(second, previous: first, into: curses.window)
        #expect(painted == 3)          // x, the blank right half, S
        #expect(curses.row(0) == "x 本 Status")
    }

    @Test func colourPairsAreMadeOnDemandAndReused() throws {
        let curses = try HeadlessCurses()
        defer { curses.close() }
        #expect(has_colors())
        start_color()
        let defaults = use_default_colors() != ERR
        // Whatever TERM offers (8 colours for xterm, 256 for xterm-256color), 196 maps to something.
        let painter = CursesPainter(colors: ColorMapper.bucket(Int(cn_colors())), defaultColors: defaults)
        let red = Style(fg: .indexed(196))
        var frame = Frame(size: curses.size)
        frame.put("ab", x: 0, y: 0, style: red)
        frame.put("c", x: 2, y: 0, style: Style(fg: .indexed(2), bg: .indexed(0)))
        frame.put("d", x: 3, y: 0)
        painter.paint(frame, previous: nil, into: curses.window)
        let cells = (0..<4).map { curses.cell(x: $0, y: 0) }
        #expect(cells[0].pair != 0)
        #expect(cells[0].pair == cells[1].pair)
        #expect(cells[2].pair != 0 && cells[2].pair != cells[0].pair)
        #expect(cells[3].pair == 0)   // default colours need no pair
        var fg: Int16 = 0, bg: Int16 = 0
        pair_content(cells[0].pair, &fg, &bg)
        #expect(Int(fg) == painter.mapper.map(.indexed(196)))
        #expect(bg == (defaults ? -1 : 0))
    }

    @Test func cursorIsLeftWhereTheFrameAsks() throws {
        let curses = try HeadlessCurses()
        defer { curses.close() }
        let painter = CursesPainter(colors: 0, defaultColors: false)
        var frame = Frame(size: curses.size)
        frame.cursor = (x: 7, y: 3)
        painter.placeCursor(frame, into: curses.window)
        #expect(getcurx(curses.window) == 7)
        #expect(getcury(curses.window) == 3)
        frame.cursor = nil
        painter.placeCursor(frame, into: curses.window)
        #expect(getcury(curses.window) == Int32(frame.size.height - 1))
        #expect(getcurx(curses.window) == 0)
    }
}
