// Display width per grapheme cluster. Our own table rather than wcwidth():
// wcwidth depends on the process locale and knows nothing of emoji sequences,
// and a width that is too small makes a line overrun the screen.
//
// Everything here measures text as it will be drawn: sanitised first (an escape
// sequence becomes one U+FFFD, a NUL takes a column), and a grapheme on which
// terminals disagree replaced by its stand-in (see `display`).

public enum TextWidth {
    /// Columns a grapheme cluster occupies as Frame.put draws it on its own.
    public static func of(_ c: Character) -> Int {
        if let standIn = standIn(for: c) { return standIn.reduce(0) { $0 + simpleWidth($1) } }
        return simpleWidth(c)
    }

    private static func simpleWidth(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if c == "\n" || c == "\r\n" { return 0 }  // a line break, not a glyph
        // Drawn as U+FFFD (controls, bidi controls) or as a space (tab): one column.
        if isControl(first) || Sanitizer.isBidiControl(first.value) { return 1 }
        if Sanitizer.isInvisible(first.value) { return 0 }
        if scalars.allSatisfy(isZeroWidth) { return 0 }
        if isEmojiCluster(scalars) { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    /// Columns `s` takes once drawn (sanitised, stand-ins in place).
    public static func of(_ s: String) -> Int {
        var total = 0
        for c in Sanitizer.clean(s) { total += inLine(c) }
        return total
    }

    /// Within one line Frame.put draws a line break as a space.
    private static func inLine(_ c: Character) -> Int {
        c == "\n" || c == "\r\n" ? 1 : of(c)
    }

    /// What is drawn for a grapheme: itself, or a stand-in where terminals (and
    /// ncurses, which keeps at most 5 scalars per cell and one spacing character)
    /// would disagree on its width or cut it: an emoji ZWJ, skin-tone or tag sequence
    /// shows its first emoji; a flag its two letters; a pile of combining marks its first five scalars.
    public static func display(_ c: Character) -> String {
        standIn(for: c) ?? String(c)
    }

    private static func standIn(for c: Character) -> String? {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.count > 1 else { return nil }
        if (0x1F1E6...0x1F1FF).contains(first.value) {
            let letters = scalars.compactMap { s -> Character? in
                guard (0x1F1E6...0x1F1FF).contains(s.value) else { return nil }
                return Unicode.Scalar(s.value - 0x1F1E6 + 0x41).map(Character.init)
            }
            return String(letters)
        }
        let joined = scalars.dropFirst().contains {
            $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) || (0xE0000...0xE007F).contains($0.value)
        }
        if joined, first.value >= 0x80, first.properties.isEmoji { return String(first) }
        if scalars.count > 5 {
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars.prefix(5))
            return String(kept)
        }
        return nil
    }

    /// Cuts `s` so it fits in `width` columns, ending with `ellipsis` when something was cut.
    /// The result is sanitised: measure and draw the same text.
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let s = Sanitizer.clean(s)
        if of(s) <= width { return s }
        let ellipsisWidth = of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var out = "", used = 0
        for c in s {
            let w = inLine(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        return ellipsisWidth <= width ? out + ellipsis : out
    }

    /// Exactly `width` columns: truncated, or right-padded with spaces.
    public static func pad(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(s, to: width)
        return cut + String(repeating: " ", count: width - of(cut))
    }

    /// Word wrap. "\n" is a hard break; words longer than a line are broken;
    /// no line is ever wider than `width`. Graphemes wider than `width` itself are dropped.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let s = Sanitizer.clean(s)
        var lines: [String] = []
        let paragraphs = s.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for paragraph in paragraphs {
            lines.append(contentsOf: wrapParagraph(paragraph, width: width))
        }
        return lines
    }

    // MARK: - Wrapping

    private static func wrapParagraph(_ text: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = "", lineWidth = 0
        func breakLine() {
            while line.last == " " { line.removeLast() }
            lines.append(line)
            line = ""
            lineWidth = 0
        }
        for token in tokens(text) {
            let tokenWidth = of(token.text)
            if lineWidth + tokenWidth <= width {
                line += token.text
                lineWidth += tokenWidth
            } else if token.isSpace {
                // Spaces at a break vanish; elsewhere they are kept as typed.
                if lineWidth > 0 { breakLine() }
            } else if lineWidth > 0 && tokenWidth <= width {
                breakLine()
                line = token.text
                lineWidth = tokenWidth
            } else {
                // A word longer than a whole line: break it between graphemes.
                for c in token.text {
                    let w = of(c)
                    if w > width { continue }
                    if lineWidth + w > width { breakLine() }
                    line.append(c)
                    lineWidth += w
                }
            }
        }
        breakLine()
        return lines
    }

    private struct Token {
        var text: String
        var isSpace: Bool
    }

    /// Alternating runs of spaces and non-spaces (a tab counts as a space).
    private static func tokens(_ text: Substring) -> [Token] {
        var result: [Token] = []
        for c in text {
            let space = c == " " || c == "\t"
            let piece = space ? " " : String(c)
            if let last = result.last, last.isSpace == space {
                result[result.count - 1].text += piece
            } else {
                result.append(Token(text: piece, isSpace: space))
            }
        }
        return result
    }

    // MARK: - Classification

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Scalars that take no column of their own: combining marks, joiners, selectors.
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0xFE00...0xFE0F).contains(s.value) || (0xE0100...0xE01EF).contains(s.value)
        }
    }

    /// Emoji drawn as pictures take two columns: presentation emoji, VS16 sequences,
    /// keycaps, ZWJ sequences and regional-indicator flags.
    private static func isEmojiCluster(_ scalars: String.UnicodeScalarView) -> Bool {
        guard let first = scalars.first else { return false }
        let hasZWJ = scalars.contains { $0.value == 0x200D }
        if !hasZWJ && scalars.contains(where: { $0.value == 0xFE0E }) { return false }  // VS15: text style
        if (0x1F1E6...0x1F1FF).contains(first.value) { return true }  // regional indicators
        for s in scalars {
            if s.properties.isEmojiPresentation { return true }
            if s.value == 0xFE0F && first.properties.isEmoji { return true }
        }
        return false
    }

    /// East Asian Wide and Fullwidth blocks, by first scalar. Errs on the wide side:
    /// a gap is better than a line that overruns the screen.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        // Binary search: the table is sorted and its ranges do not overlap.
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
