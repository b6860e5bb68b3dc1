import Testing
@testable import Terminal

@Suite struct TextEditorLayoutTests {
    @Test func wrapsLikeTextWidthWrap() {
        let samples = [
            "The quick brown fox jumps over the lazy dog",
            "日本語のテキストと English mixed 😀😀 here",
            "supercalifragilisticexpialidocious word\n\nnext para  two spaces",
            "a 👨‍👩‍👧 family é\u{301}tude 🇫🇷 flag", "", "\n", "end\n",
        ]
        for text in samples {
            for width in 2...24 {
                let layout = TextEditor(text: text).layout(width: width)
                let trimmed = layout.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
                #expect(trimmed == TextWidth.wrap(text, width: width), "\(text) at \(width)")
                #expect(layout.lines.allSatisfy { TextWidth.of($0) <= width })
            }
        }
    }

    @Test func noVisualLineIsWiderThanTheWidthForRandomText() {
        var rng = SeededGenerator(seed: 42)
        let pieces = ["a", "bc", " ", "  ", "\n", "日", "😀", "👨‍👩‍👧", "e\u{301}", "long-unbroken-word", "\t"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let width = Int.random(in: 1...15, using: &rng)
            var e = TextEditor(text: text)
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                _ = e.handle([Key.left, .up, .down, .home, .end, .right].randomElement(using: &rng)!, width: width)
            }
            let layout = e.layout(width: width)
            #expect(layout.lines.allSatisfy { TextWidth.of($0) <= width })
            #expect((0..<width).contains(layout.cursor.x))
            #expect(layout.lines.indices.contains(layout.cursor.y))
            #expect((0...e.text.count).contains(e.cursor))
        }
    }

    @Test func cursorAtWrapsAndLineEnds() {
        var e = editor("abcde fgh", at: 6)
        #expect(e.layout(width: 5) == EditorLayout(lines: ["abcde", "fgh"], cursor: Point(x: 0, y: 1)))
        e.press(.left)  // in the space hidden at the wrap: last column of the row
        #expect(e.layout(width: 5).cursor == Point(x: 4, y: 0))
        let full = TextEditor(text: "abcde")  // after a full row: last column, no extra row
        #expect(full.layout(width: 5) == EditorLayout(lines: ["abcde"], cursor: Point(x: 4, y: 0)))
        #expect(TextEditor(text: "ab\n").layout(width: 5).cursor == Point(x: 0, y: 1))
        #expect(TextEditor(text: "x").layout(width: 0).lines.isEmpty)
    }

    @Test func homeAndEndWorkOnTheVisualLine() {
        var e = editor("alpha beta gamma", at: 8)   // rows: "alpha " "beta " "gamma"
        e.press(.home, width: 6)
        #expect(e.cursor == 6)
        e.press(.end, width: 6)
        #expect(e.cursor == 10 && e.layout(width: 6).cursor == Point(x: 4, y: 1))
        e.press(.ctrl("a"), .left, .ctrl("e"), width: 6)
        #expect(e.cursor == 5)
        e.press(.down, .down, .ctrl("e"), width: 6)   // the last row ends hard: after its last letter
        #expect(e.cursor == 16)
    }

    @Test func upAndDownKeepTheDisplayColumnAcrossWideCharacters() {
        var e = editor("abcdef\n日本語日本\nxy\nabcdef", at: 3)
        e.press(.down)                  // column 3 is inside 本: before it, column 2
        #expect(e.cursor == 8 && e.layout(width: 20).cursor == Point(x: 2, y: 1))
        e.press(.down)                  // "xy" is shorter: its end
        #expect(e.cursor == 15)
        e.press(.down)                  // the goal column survives the short line
        #expect(e.cursor == 19 && e.layout(width: 20).cursor.x == 3)
        e.press(.up, .up, .up)
        #expect(e.cursor == 3)
        e.press(.up)
        #expect(e.cursor == 0)
        e.press(.down, .down, .down, .down)
        #expect(e.cursor == e.text.count)
    }

    @Test func upAndDownMoveBetweenSoftWrappedRows() {
        var e = editor("one two three four", at: 5)  // width 8: "one two " "three " "four"
        e.press(.down, width: 8)
        #expect(e.cursor == 13 && e.layout(width: 8).cursor == Point(x: 5, y: 1))
        e.press(.down, width: 8)
        #expect(e.cursor == 18)
        e.press(.up, .up, width: 8)
        #expect(e.cursor == 5)
    }

    @Test func drawShowsTheWindowAroundTheCursor() {
        var frame = Frame(size: Size(width: 12, height: 6))
        frame.put("############", x: 0, y: 4)
        let e = TextEditor(text: (1...8).map { "line\($0)" }.joined(separator: "\n"))
        let style = Style(attrs: .underline)
        let r = e.draw(into: &frame, rect: Rect(x: 2, y: 1, width: 8, height: 4), style: style, scroll: 0)
        #expect(r.scroll == 4)
        #expect(r.cursor == Point(x: 7, y: 4))
        #expect(frame.lines() == ["", "  line5", "  line6", "  line7", "##line8   ##", ""])
        #expect(frame[2, 1].style == style && frame[9, 1].style == style && frame[1, 1].style == .plain)

        // A scroll that still shows the cursor is kept; one past the text is pulled back.
        var top = editor("a\nb\nc\nd\ne", at: 2)
        var f2 = Frame(size: Size(width: 5, height: 2))
        #expect(top.draw(into: &f2, rect: f2.bounds, style: .plain, scroll: 1).scroll == 1)
        #expect(f2.lines() == ["b", "c"])
        #expect(top.draw(into: &f2, rect: f2.bounds, style: .plain, scroll: 0).scroll == 0)
        top.press(.alt(">"))
        #expect(top.draw(into: &f2, rect: f2.bounds, style: .plain, scroll: 0) == (Point(x: 1, y: 1), 3))
        let short = TextEditor(text: "a")
        #expect(short.draw(into: &f2, rect: f2.bounds, style: .plain, scroll: 9).scroll == 0)
        #expect(f2.lines() == ["a", ""])
    }

    @Test func drawPlacesWideGraphemesWhereTheCursorMathSaysTheyAre() {
        var frame = Frame(size: Size(width: 6, height: 3))
        let e = editor("日本語x😀y", at: 4)
        let r = e.draw(into: &frame, rect: frame.bounds, style: .plain, scroll: 0)
        #expect(frame.lines() == ["日本語", "x😀y", ""])
        #expect(frame[2, 0].grapheme == "本" && frame[3, 0].isContinuation)
        #expect(r.cursor == Point(x: 1, y: 1) && frame[r.cursor.x, r.cursor.y].grapheme == "😀")
        // A bidi override is shown neutralised (U+FFFD, one column), as everywhere else,
        // and the cursor math counts that column.
        let spoof = TextEditor(text: "a\u{202E}bc")
        var f2 = Frame(size: Size(width: 6, height: 1))
        #expect(spoof.draw(into: &f2, rect: f2.bounds, style: .plain, scroll: 0).cursor == Point(x: 4, y: 0))
        #expect(f2.lines() == ["a\u{FFFD}bc"])
    }
}

/// A small deterministic generator (SplitMix64) so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
