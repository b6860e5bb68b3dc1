// The editor's text as an array of grapheme clusters plus a byte of facts about each,
// so cursor moves, edits and line wrapping index in O(1) and never re-measure
// a long text on every key.

/// What the editor needs to know about one grapheme, computed once on insertion.
struct CharInfo: Sendable, Equatable {
    private let bits: UInt8

    init(_ c: Character) {
        var b = UInt8(TextWidth.of(c))
        if c == " " || c == "\t" { b |= 1 << 2 }
        if c == "\n" { b |= 1 << 3 }
        if c.isLetter || c.isNumber || c == "_" { b |= 1 << 4 }
        if c.isWhitespace { b |= 1 << 5 }
        bits = b
    }

    /// Display columns: 0, 1 or 2.
    var width: Int { Int(bits & 3) }
    /// A break opportunity for word wrap (as in TextWidth.wrap: space or tab).
    var isSpace: Bool { bits & (1 << 2) != 0 }
    var isNewline: Bool { bits & (1 << 3) != 0 }
    /// Part of a word for Alt-B/Alt-F/Alt-Backspace (readline's alphanumerics).
    var isWord: Bool { bits & (1 << 4) != 0 }
    /// Separates words for Ctrl-W (readline's unix-word-rubout).
    var isWhitespace: Bool { bits & (1 << 5) != 0 }
}

/// One change to the text, enough to undo and redo it exactly.
struct Edit: Sendable, Equatable {
    var offset: Int
    var removed: [Character]
    var inserted: [Character]
    var cursorBefore: Int
    var cursorAfter: Int
}

struct GraphemeBuffer: Sendable, Equatable {
    private(set) var chars: [Character] = []
    private(set) var info: [CharInfo] = []

    var count: Int { chars.count }
    var string: String { String(chars) }

    /// Replaces `range` with `text`, then re-joins graphemes across both edges the way
    /// String would: a combining accent or a ZWJ typed as its own key joins the character
    /// before it, so the array always agrees with `string`'s grapheme count.
    mutating func replace(_ range: Range<Int>, with text: String, cursorBefore: Int) -> Edit {
        var lo = range.lowerBound, hi = range.upperBound
        let left = lo > 0 ? chars[lo - 1] : nil
        let right = hi < chars.count ? chars[hi] : nil
        var probe = ""
        if let left { probe.append(left) }
        probe += text
        if let right { probe.append(right) }
        var merged = Array(probe)
        if let left {
            if let first = merged.first, Self.same(first, left) { merged.removeFirst() } else { lo -= 1 }
        }
        if let right {
            if let last = merged.last, Self.same(last, right) { merged.removeLast() } else { hi += 1 }
        }
        let edit = Edit(offset: lo, removed: Array(chars[lo..<hi]), inserted: merged,
                        cursorBefore: cursorBefore, cursorAfter: lo + merged.count)
        replaceRaw(lo..<hi, with: merged)
        return edit
    }

    /// Exact replacement without re-joining, for undo and redo.
    mutating func replaceRaw(_ range: Range<Int>, with new: [Character]) {
        chars.replaceSubrange(range, with: new)
        info.replaceSubrange(range, with: new.map(CharInfo.init))
    }

    /// Scalar-for-scalar equality: Character's == is canonical (é == e+◌́), too loose here.
    private static func same(_ a: Character, _ b: Character) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    // MARK: - Word boundaries

    /// Start of the word before `p` (Alt-B).
    func wordStart(before p: Int) -> Int {
        var i = p
        while i > 0 && !info[i - 1].isWord { i -= 1 }
        while i > 0 && info[i - 1].isWord { i -= 1 }
        return i
    }

    /// End of the word after `p` (Alt-F).
    func wordEnd(after p: Int) -> Int {
        var i = p
        while i < info.count && !info[i].isWord { i += 1 }
        while i < info.count && info[i].isWord { i += 1 }
        return i
    }

    /// Start of the whitespace-delimited word before `p` (Ctrl-W: a URL goes at once).
    func bigWordStart(before p: Int) -> Int {
        var i = p
        while i > 0 && info[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !info[i - 1].isWhitespace { i -= 1 }
        return i
    }
}
