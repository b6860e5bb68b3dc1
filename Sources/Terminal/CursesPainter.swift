// Writes a Frame into an ncurses WINDOW. Separate from NCursesBackend so tests can
// drive the real painting code against a `newterm` screen on /dev/null.
import CNCurses

@MainActor
public final class CursesPainter {
    public let mapper: ColorMapper
    /// Whether use_default_colors() worked, so -1 means "the terminal's own colour".
    private let defaultColors: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32

    private struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    public init(colors: Int, defaultColors: Bool) {
        self.mapper = ColorMapper(colors: colors)
        self.defaultColors = defaultColors
        // init_pair takes a short; extended pairs are not needed for one theme.
        self.maxPairs = colors > 0 ? min(cn_color_pairs(), Int32(Int16.max)) : 0
    }

    /// Paints the cells of `frame` that differ from `previous`; returns how many.
    @discardableResult
    public func paint(_ frame: Frame, previous: Frame?, into window: UnsafeMutablePointer<WINDOW>) -> Int {
        let points = frame.changes(since: previous)
        for p in points { paintCell(frame, at: p, into: window) }
        return points.count
    }

    /// Leaves the real cursor where the frame asks (bottom-left by default).
    public func placeCursor(_ frame: Frame, into window: UnsafeMutablePointer<WINDOW>) {
        let height = max(1, frame.size.height), width = max(1, frame.size.width)
        let p = frame.cursorPoint ?? Point(x: 0, y: height - 1)
        wmove(window, Int32(min(max(0, p.y), height - 1)), Int32(min(max(0, p.x), width - 1)))
    }

    private func paintCell(_ frame: Frame, at p: Point, into window: UnsafeMutablePointer<WINDOW>) {
        let cell = frame[p.x, p.y]
        let wide = frame[p.x + 1, p.y].isContinuation && p.x + 1 < frame.size.width
        var chars = Self.wideChars(cell.grapheme)
        // ncurses advances by wcwidth(); where it disagrees with our width, keep the grid aligned.
        // Unprintable in this locale, or too wide for one cell: show "?".
        var cursesWidth = wcwidth(chars[0])
        if cursesWidth < 0 || (!wide && cursesWidth > 1) {
            chars = [0x3F, 0]
            cursesWidth = 1
        }
        var cc = cchar_t()
        let pair = pairNumber(for: cell.style)
        let attrs = attributes(mapper.attributes(for: cell.style))
        _ = chars.withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, attrs, pair, nil) }
        mvwadd_wch(window, Int32(p.y), Int32(p.x), &cc)
        if wide && cursesWidth < 2 {
            // ncurses thinks the glyph is one column: blank the second one ourselves.
            var space = cchar_t()
            let blank: [wchar_t] = [0x20, 0]
            _ = blank.withUnsafeBufferPointer { setcchar(&space, $0.baseAddress, attrs, pair, nil) }
            mvwadd_wch(window, Int32(p.y), Int32(p.x + 1), &space)
        }
    }

    /// The grapheme as a NUL-terminated wide string of at most CCHARW_MAX scalars.
    static func wideChars(_ grapheme: String) -> [wchar_t] {
        var scalars = grapheme.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if scalars.isEmpty { scalars = [0x20] }
        let limit = Int(cn_ccharw_max())
        if scalars.count > limit {
            // Keep the first scalars of a long sequence, without a dangling joiner.
            scalars = Array(scalars.prefix(limit))
            while scalars.count > 1, scalars.last == 0x200D { scalars.removeLast() }
        }
        return scalars + [0]
    }

    func attributes(_ attrs: Attributes) -> attr_t {
        var bits = cn_a_normal()
        if attrs.contains(.bold) { bits |= cn_a_bold() }
        if attrs.contains(.underline) { bits |= cn_a_underline() }
        if attrs.contains(.reverse) { bits |= cn_a_reverse() }
        if attrs.contains(.dim) { bits |= cn_a_dim() }
        return bits
    }

    /// Colour pairs are made on demand, one per (fg, bg) actually used.
    func pairNumber(for style: Style) -> Int16 {
        guard mapper.colors > 0 else { return 0 }
        let colors = mapper.resolve(style)
        let fg = colors.fg.map(Int16.init) ?? (defaultColors ? -1 : 7)
        let bg = colors.bg.map(Int16.init) ?? (defaultColors ? -1 : 0)
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let pair = pairs[key] { return pair }
        // Out of pairs: fall back to the default colours; attributes still show.
        guard nextPair < maxPairs else { return 0 }
        let pair = Int16(nextPair)
        guard init_pair(pair, fg, bg) != ERR else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }
}
