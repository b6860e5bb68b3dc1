// A multi-line text editor model for writing replies: pure, so every key is tested
// without a terminal, and careful never to lose text (every change can be undone).

/// Keys (`handle` returns false for any other, e.g. Esc, Tab, PgUp, for the caller):
/// - text: `.char`, `.enter` (newline), `.paste` (one undo step)
/// - delete: `.backspace`, `.delete` (one grapheme); `.ctrl("w")` (back to whitespace,
///   like readline); `.altBackspace` (back to a word start); `.alt("d")` (to a word end);
///   `.ctrl("u")` / `.ctrl("k")` (to the start / end of the visual line; Ctrl-K at the end
///   of a line joins the next one)
/// - move: `.left`/`.right` (one grapheme), `.up`/`.down` (visual line, keeping the
///   column), `.home`/`.ctrl("a")`, `.end`/`.ctrl("e")` (visual line),
///   `.ctrlLeft`/`.alt("b")`, `.ctrlRight`/`.alt("f")` (word), `.alt("<")`/`.alt(">")` (text)
/// - history: undo `.ctrl("z")`/`.alt("u")`, redo `.ctrl("y")`/`.alt("r")`
///   (under cbreak the terminal usually turns Ctrl-Z into a suspend, hence Alt-U)
public struct TextEditor: Sendable, Equatable {
    var buffer = GraphemeBuffer()
    private var history = EditorHistory()
    /// Offset in grapheme clusters, 0...text.count.
    public private(set) var cursor: Int = 0
    /// The display column Up/Down aim for, kept across a run of vertical moves.
    private var goalColumn: Int?

    /// The cursor starts at the end; the initial text is not an undo step.
    public init(text: String = "") {
        _ = buffer.replace(0..<0, with: Self.normalize(text), cursorBefore: 0)
        cursor = buffer.count
    }

    public var text: String { buffer.string }
    public var canUndo: Bool { history.canUndo }
    public var canRedo: Bool { history.canRedo }

    /// Applies one key; returns false when the key is not an editing key (caller handles it).
    /// `width` is the editor's width in columns, for the keys that move by visual line.
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        let vertical = key == .up || key == .down
        defer { if !vertical { goalColumn = nil } }
        switch key {
        case .char(let c): type(String(c))
        case .enter: type("\n")
        case .paste(let s): insert(s)
        case .backspace: delete(max(0, cursor - 1)..<cursor, group: .backspace)
        case .delete: delete(cursor..<min(buffer.count, cursor + 1), group: .forwardDelete)
        case .left: move(to: cursor - 1)
        case .right: move(to: cursor + 1)
        case .up: moveVertically(by: -1, width: width)
        case .down: moveVertically(by: 1, width: width)
        case .home, .ctrl("a"): move(to: currentRow(width: width).start)
        case .end, .ctrl("e"): move(to: currentRow(width: width).lastCursor)
        case .ctrlLeft, .alt("b"): move(to: buffer.wordStart(before: cursor))
        case .ctrlRight, .alt("f"): move(to: buffer.wordEnd(after: cursor))
        case .alt("<"): move(to: 0)
        case .alt(">"): move(to: buffer.count)
        case .ctrl("w"): delete(buffer.bigWordStart(before: cursor)..<cursor, group: nil)
        case .altBackspace: delete(buffer.wordStart(before: cursor)..<cursor, group: nil)
        case .alt("d"): delete(cursor..<buffer.wordEnd(after: cursor), group: nil)
        case .ctrl("u"): delete(currentRow(width: width).start..<cursor, group: nil)
        case .ctrl("k"):
            let row = currentRow(width: width)
            let end = row.hard && cursor == row.end ? min(buffer.count, row.end + 1) : row.end
            delete(cursor..<end, group: nil)
        case .ctrl("z"), .alt("u"): undo()
        case .ctrl("y"), .alt("r"): redo()
        default: return false
        }
        return true
    }

    /// Inserts typed or pasted text at the cursor as one undo step. "\r\n" and "\r"
    /// become "\n"; a tab becomes four spaces (a post has no tab stops, and indented
    /// lists stay indented); other C0/C1 controls are dropped: they cannot be seen
    /// or edited here and would only reach the published text invisibly.
    public mutating func insert(_ s: String) {
        apply(cursor..<cursor, Self.normalize(s), group: nil)
        history.close()
    }

    public mutating func undo() {
        guard let step = history.takeUndo() else { return }
        for edit in step.reversed() {
            buffer.replaceRaw(edit.offset..<edit.offset + edit.inserted.count, with: edit.removed)
        }
        cursor = step[0].cursorBefore
    }

    public mutating func redo() {
        guard let step = history.takeRedo() else { return }
        for edit in step {
            buffer.replaceRaw(edit.offset..<edit.offset + edit.removed.count, with: edit.inserted)
        }
        cursor = step[step.count - 1].cursorAfter
    }

    // MARK: - Editing

    private mutating func type(_ s: String) {
        let text = Self.normalize(s)
        let blank = text.allSatisfy { $0 == " " || $0 == "\n" }
        apply(cursor..<cursor, text, group: blank ? .space : .word)
    }

    private mutating func delete(_ range: Range<Int>, group: EditorHistory.Group?) {
        apply(range, "", group: group)
    }

    private mutating func apply(_ range: Range<Int>, _ text: String, group: EditorHistory.Group?) {
        guard !range.isEmpty || !text.isEmpty else { return }
        let edit = buffer.replace(range, with: text, cursorBefore: cursor)
        history.record(edit, group: group)
        cursor = edit.cursorAfter
    }

    private mutating func move(to p: Int) {
        cursor = min(max(0, p), buffer.count)
        history.close()
    }

    /// Up on the first row goes to the start, Down on the last to the end, as in most
    /// text fields, so the keys always do something visible.
    private mutating func moveVertically(by delta: Int, width: Int) {
        let rows = buffer.rows(width: width)
        let r = buffer.rowIndex(of: cursor, in: rows)
        let goal = goalColumn ?? buffer.column(of: cursor, in: rows[r])
        let target = r + delta
        if target < 0 { move(to: 0) } else if target >= rows.count { move(to: buffer.count) } else {
            move(to: buffer.position(atColumn: goal, in: rows[target]))
        }
        goalColumn = goal
    }

    private func currentRow(width: Int) -> VisualRow {
        let rows = buffer.rows(width: width)
        return rows[buffer.rowIndex(of: cursor, in: rows)]
    }

    static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for u in s.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !afterCR { out.append(u) }
            case 0x09: out.append(contentsOf: "    ".unicodeScalars)
            case 0x00...0x1F, 0x7F...0x9F: break
            default: out.append(u)
            }
        }
        return String(out)
    }
}
