// An off-screen picture of the terminal: what the app wants shown. Views draw
// into a Frame; a backend compares it with the last one and paints the difference.

/// One screen cell. A wide grapheme fills its own cell and leaves `""` in the next one.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var style: Style

    public init(grapheme: String = " ", style: Style = .plain) {
        self.grapheme = grapheme
        self.style = style
    }

    public static let blank = Cell()
    /// Marks the right half of a two-column grapheme.
    public var isContinuation: Bool { grapheme.isEmpty }
}

public struct Frame: Sendable, Equatable {
    public let size: Size
    private var cells: [Cell]
    /// Where the real cursor goes after drawing; screen readers follow it.
    public var cursorPoint: Point?

    public init(size: Size) {
        let clamped = Size(width: max(0, size.width), height: max(0, size.height))
        self.size = clamped
        self.cells = Array(repeating: .blank, count: clamped.width * clamped.height)
    }

    /// Tuple form of `cursorPoint`. nil means the bottom-left corner.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPoint.map { ($0.x, $0.y) } }
        set { cursorPoint = newValue.map { Point(x: $0.x, y: $0.y) } }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    /// Out-of-range reads give a blank cell rather than a crash.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x, y) else { return .blank }
        return cells[y * size.width + x]
    }

    func contains(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    // MARK: - Drawing

    /// Draws sanitised `text` at (x,y) within `maxWidth` columns (default: to the right edge).
    /// Never splits a wide grapheme: one that does not fit becomes a space.
    /// Returns the columns advanced from `x`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < size.height else { return 0 }
        let limit = min(size.width, maxWidth.map { x + max(0, $0) } ?? size.width)
        var col = x
        drawing: for original in Sanitizer.clean(text) {
            // A grapheme terminals disagree on is drawn as its stand-in, one piece per cell.
            for c in TextWidth.display(original) {
                if col >= limit { break drawing }
                let isBreak = c == "\n" || c == "\r\n" || c == "\t"
                let grapheme = isBreak ? " " : String(c)
                let w = isBreak ? 1 : TextWidth.of(c)
                if w == 0 { continue }  // nothing to show on its own
                if col + w > limit {
                    set(x: col, y: y, Cell(grapheme: " ", style: style))
                    col += 1
                    break drawing
                }
                if col < 0 {
                    // Clipped on the left; a wide grapheme straddling column 0 leaves a space.
                    if col + w > 0 { set(x: 0, y: y, Cell(grapheme: " ", style: style)) }
                } else {
                    set(x: col, y: y, Cell(grapheme: grapheme, style: style))
                    if w == 2 { set(x: col + 1, y: y, Cell(grapheme: "", style: style)) }
                }
                col += w
            }
        }
        return col - x
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(x: x, y: y, Cell(grapheme: " ", style: style)) }
        }
    }

    /// Changes the style of a rectangle, keeping its text (e.g. the selected-row highlight).
    public mutating func restyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * size.width + x].style = style }
            // A wide grapheme cut by the left edge is drawn with its left half's style.
            if r.width > 0, self[r.x, y].isContinuation, r.x > 0 {
                cells[y * size.width + r.x - 1].style = style
            }
        }
    }

    /// Writes one cell, blanking the other half of any wide grapheme it overlaps
    /// so the frame never holds half a character.
    mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard contains(x, y) else { return }
        let i = y * size.width + x
        let old = cells[i]
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1].grapheme = " "
        }
        if !old.isContinuation, x + 1 < size.width, cells[i + 1].isContinuation {
            cells[i + 1].grapheme = " "
        }
        cells[i] = cell
    }

    // MARK: - Reading back

    /// Plain text, one string per row; wide graphemes appear once; trailing spaces trimmed.
    public func lines() -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line += self[x, y].grapheme }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public func text() -> String { lines().joined(separator: "\n") }
}
