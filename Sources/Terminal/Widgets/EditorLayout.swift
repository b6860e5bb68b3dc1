// Word wrap for TextEditor: the same decisions as TextWidth.wrap, but as ranges of the
// text so every grapheme (including the spaces a wrap hides) keeps a cursor position.

public struct EditorLayout: Sendable, Equatable {
    /// Visual lines, each at most `width` columns. Spaces at a soft wrap are not shown.
    public var lines: [String]
    /// x = display column, y = visual row.
    public var cursor: Point

    public init(lines: [String], cursor: Point) {
        self.lines = lines
        self.cursor = cursor
    }
}

/// One visual line: graphemes start..<end. `hard` when it ends at a "\n" (not included)
/// or at the end of the text; otherwise the next row starts at `end` (a soft wrap).
struct VisualRow: Sendable, Equatable {
    var start: Int
    var end: Int
    var hard: Bool

    /// The last cursor position that is shown on this row. After a soft wrap, `end`
    /// itself belongs to the next row.
    var lastCursor: Int { hard ? end : max(start, end - 1) }
}

extension GraphemeBuffer {
    func rows(width: Int) -> [VisualRow] {
        let width = max(1, width)
        var rows: [VisualRow] = []
        var start = 0
        while true {
            var end = start
            while end < info.count && !info[end].isNewline { end += 1 }
            wrapParagraph(start..<end, width: width, into: &rows)
            if end >= info.count { return rows }
            start = end + 1
        }
    }

    /// Mirrors TextWidth.wrapParagraph token by token; integer work only.
    private func wrapParagraph(_ para: Range<Int>, width: Int, into rows: inout [VisualRow]) {
        info.withUnsafeBufferPointer { wrap($0, para, width: width, into: &rows) }
    }

    /// On a raw buffer: this loop runs over the whole text for every draw.
    private func wrap(_ info: UnsafeBufferPointer<CharInfo>, _ para: Range<Int>, width: Int,
                      into rows: inout [VisualRow]) {
        var lineStart = para.lowerBound, lineWidth = 0, i = para.lowerBound
        while i < para.upperBound {
            let space = info[i].isSpace
            var j = i, tokenWidth = 0
            while j < para.upperBound && info[j].isSpace == space {
                tokenWidth += info[j].width
                j += 1
            }
            if lineWidth + tokenWidth <= width {
                lineWidth += tokenWidth
            } else if space && lineWidth > 0 {
                // Spaces at a break stay on the row they end, hidden past the edge.
                rows.append(VisualRow(start: lineStart, end: j, hard: false))
                lineStart = j
                lineWidth = 0
            } else if !space && lineWidth > 0 && tokenWidth <= width {
                rows.append(VisualRow(start: lineStart, end: i, hard: false))
                lineStart = i
                lineWidth = tokenWidth
            } else {
                // Longer than a row: break between graphemes. (TextWidth drops a space run
                // wider than the line; an editor must keep it, so it wraps like a word.)
                for k in i..<j {
                    let w = info[k].width
                    if lineWidth > 0 && lineWidth + w > width {
                        rows.append(VisualRow(start: lineStart, end: k, hard: false))
                        lineStart = k
                        lineWidth = 0
                    }
                    lineWidth += w
                }
            }
            i = j
        }
        rows.append(VisualRow(start: lineStart, end: para.upperBound, hard: true))
    }

    /// The row showing cursor position `p`: the last row starting at or before it
    /// (row starts strictly increase, so a soft-wrap boundary goes to the later row).
    func rowIndex(of p: Int, in rows: [VisualRow]) -> Int {
        var lo = 0, hi = rows.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rows[mid].start <= p { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Columns from the row's start to `p`, not clamped.
    func column(of p: Int, in row: VisualRow) -> Int {
        var col = 0
        for i in row.start..<min(p, row.end) { col += info[i].width }
        return col
    }

    /// The position in `row` nearest to display column `goal` without passing it;
    /// a wide grapheme under the goal column puts the cursor before it.
    func position(atColumn goal: Int, in row: VisualRow) -> Int {
        var col = 0, p = row.start
        while p < row.lastCursor && col + info[p].width <= goal {
            col += info[p].width
            p += 1
        }
        return p  // past any zero-width graphemes at the goal: they belong to the one before
    }

    /// What a row shows: its graphemes up to `width` columns.
    func display(_ row: VisualRow, width: Int) -> String {
        var s = "", col = 0
        for i in row.start..<row.end {
            if col + info[i].width > width { break }
            s.append(chars[i])
            col += info[i].width
        }
        return s
    }
}

extension TextEditor {
    /// Word-wrapped visual lines for `width` columns and the cursor's (column, row) in them.
    /// A cursor past the last column (after a full row, or in spaces hidden at a wrap)
    /// is shown on the row's last column, `width - 1`: the rows never shift as it moves.
    public func layout(width: Int) -> EditorLayout {
        guard width > 0 else { return EditorLayout(lines: [], cursor: Point(x: 0, y: 0)) }
        let rows = buffer.rows(width: width)
        return EditorLayout(lines: rows.map { buffer.display($0, width: width) },
                            cursor: cursorPoint(rows, width: width))
    }

    /// Draws the rows visible in `rect` (blanking the rest), scrolled as little as needed
    /// to show the cursor. Returns the cursor's screen position, for the caller to put
    /// in `frame.cursorPoint` when the editor has focus, and the scroll to pass next time.
    public func draw(into frame: inout Frame, rect: Rect, style: Style, scroll: Int) -> (cursor: Point, scroll: Int) {
        guard rect.width > 0, rect.height > 0 else { return (Point(x: rect.x, y: rect.y), 0) }
        let rows = buffer.rows(width: rect.width)
        let cursor = cursorPoint(rows, width: rect.width)
        var top = min(max(0, scroll), max(0, rows.count - rect.height))
        if cursor.y < top { top = cursor.y }
        if cursor.y >= top + rect.height { top = cursor.y - rect.height + 1 }
        frame.fill(rect, style: style)
        for line in 0..<min(rect.height, rows.count - top) {
            let row = rows[top + line], y = rect.y + line
            let shown = buffer.display(row, width: rect.width)
            // One put per row when sanitising changes nothing (the usual case); otherwise
            // grapheme by grapheme at our own columns, so the screen agrees with the cursor.
            if Sanitizer.clean(shown).unicodeScalars.elementsEqual(shown.unicodeScalars) {
                frame.put(shown, x: rect.x, y: y, maxWidth: rect.width, style: style)
                continue
            }
            var col = 0
            for c in shown {
                let w = TextWidth.of(c)
                if w > 0 { frame.put(String(c), x: rect.x + col, y: y, maxWidth: w, style: style) }
                col += w
            }
        }
        return (Point(x: rect.x + cursor.x, y: rect.y + cursor.y - top), top)
    }

    func cursorPoint(_ rows: [VisualRow], width: Int) -> Point {
        let r = buffer.rowIndex(of: cursor, in: rows)
        let col = buffer.column(of: cursor, in: rows[r])
        return Point(x: min(col, max(0, width - 1)), y: r)
    }
}
