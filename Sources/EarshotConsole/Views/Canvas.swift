import Terminal

/// A run of text in one theme role.
struct Span {
    var text: String
    var role: Theme.Role

    init(_ text: String, _ role: Theme.Role = .row) {
        self.text = text
        self.role = role
    }
}

typealias Line = [Span]

/// Drawing helpers over `Frame` that speak in theme roles.
struct Canvas {
    var frame: Frame
    let theme: Theme

    init(size: Size, theme: Theme) {
        frame = Frame(size: size)
        self.theme = theme
    }

    mutating func fill(_ rect: Rect, _ role: Theme.Role) {
        frame.fill(rect, style: theme[role])
    }

    /// Draws spans left to right inside `rect`'s first row; returns columns used.
    @discardableResult
    mutating func draw(_ line: Line, in rect: Rect, base: Theme.Role? = nil) -> Int {
        if let base { fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), base) }
        var x = rect.x
        for span in line {
            let room = rect.maxX - x
            guard room > 0 else { break }
            var style = theme[span.role]
            if let base, span.role == .row { style = theme[base] }
            x += frame.put(span.text, x: x, y: rect.y, maxWidth: room, style: style)
        }
        return x - rect.x
    }

    /// Draws lines top to bottom, one per row of `rect`, starting at `first`.
    mutating func draw(_ lines: [Line], in rect: Rect, from first: Int = 0) {
        for row in 0..<rect.height {
            let i = first + row
            guard i < lines.count else { break }
            draw(lines[i], in: Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1))
        }
    }
}

/// A paragraph in one role, word-wrapped to `width` columns.
func wrapped(_ text: String, _ role: Theme.Role, width: Int) -> [Line] {
    TextWidth.wrap(text, width: max(10, width - 1)).map { [Span($0, role)] }
}

/// Fixed-width columns for list rows.
enum Column {
    static func fit(_ text: String, _ width: Int, ellipsis: String) -> String {
        TextWidth.pad(TextWidth.truncate(text, to: width, ellipsis: ellipsis), to: width)
    }

    /// The first line of a text, with runs of whitespace folded, for one-line previews.
    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
