import Testing
@testable import Terminal

@Suite struct FrameTests {
    @Test func putWritesTextAndReportsColumnsUsed() {
        var f = Frame(size: Size(width: 10, height: 2))
        let used = f.put("héllo", x: 1, y: 0)
        #expect(used == 5)
        #expect(f.lines() == [" héllo", ""])
        #expect(f[2, 0].grapheme == "é")
    }

    @Test func putClipsAtTheRightEdge() {
        var f = Frame(size: Size(width: 5, height: 1))
        #expect(f.put("abcdefgh", x: 2, y: 0) == 3)
        #expect(f.text() == "  abc")
        #expect(f.put("zz", x: 9, y: 0) == 0)
        #expect(f.put("zz", x: 0, y: 3) == 0)
    }

    @Test func wideCharThatWouldStraddleTheLastColumnBecomesASpace() {
        var f = Frame(size: Size(width: 5, height: 1))
        f.put("xxxxx", x: 0, y: 0)
        let used = f.put("ab日", x: 2, y: 0)
        #expect(used == 3)
        #expect(f[4, 0].grapheme == " ")
        #expect(f.text() == "xxab")
        // No cell holds half a character.
        #expect(!(0..<5).contains { f[$0, 0].isContinuation })
    }

    @Test func maxWidthLimitsAndNeverSplitsAWideChar() {
        var f = Frame(size: Size(width: 10, height: 1))
        f.put("..........", x: 0, y: 0)
        #expect(f.put("日本語", x: 1, y: 0, maxWidth: 5) == 5)
        #expect(f.text() == ".日本 ....")
    }

    @Test func linesShowCJKOnceAndTrimTrailingSpaces() {
        var f = Frame(size: Size(width: 8, height: 2))
        f.put("日本", x: 0, y: 0)
        f.put("a日b", x: 2, y: 1)
        #expect(f.lines() == ["日本", "  a日b"])
        #expect(f[1, 0].isContinuation)
        #expect(f[0, 0].grapheme == "日")
        #expect(f.text() == "日本\n  a日b")
    }

    @Test func putSanitisesAndFlattensLineBreaks() {
        var f = Frame(size: Size(width: 12, height: 1))
        f.put("a\u{1B}[2Jb\nc\td", x: 0, y: 0)
        #expect(f.text() == "a\u{FFFD}b c d")
    }

    @Test func overwritingHalfOfAWideCharBlanksTheOtherHalf() {
        var f = Frame(size: Size(width: 6, height: 1))
        f.put("日本", x: 0, y: 0)
        f.put("x", x: 1, y: 0)       // lands on the right half of 日
        #expect(f.text() == " x本")
        f.put("y", x: 2, y: 0)       // lands on the left half of 本
        #expect(f.text() == " xy")
        #expect(!(0..<6).contains { f[$0, 0].isContinuation })
    }

    @Test func negativeXClipsOnTheLeft() {
        var f = Frame(size: Size(width: 4, height: 1))
        #expect(f.put("ab日cd", x: -3, y: 0) == 6)
        #expect(f.text() == " cd")
    }

    @Test func fillAndRestyle() {
        var f = Frame(size: Size(width: 6, height: 3))
        f.put("abcdef", x: 0, y: 1)
        let red = Style(fg: .indexed(1), attrs: [.bold])
        f.restyle(Rect(x: 0, y: 1, width: 6, height: 1), style: red)
        #expect(f.lines()[1] == "abcdef")
        #expect(f[3, 1].style == red)
        #expect(f[3, 0].style == .plain)
        let blue = Style(bg: .indexed(4))
        f.fill(Rect(x: 4, y: 0, width: 10, height: 10), style: blue)
        #expect(f.lines()[1] == "abcd")
        #expect(f[5, 2].style == blue)
        #expect(f[3, 2].style == .plain)
    }

    @Test func cursorRoundTripsAndOutOfRangeReadsAreBlank() {
        var f = Frame(size: Size(width: 3, height: 3))
        #expect(f.cursor == nil)
        f.cursor = (x: 2, y: 1)
        #expect(f.cursorPoint == Point(x: 2, y: 1))
        #expect(f.cursor?.x == 2)
        #expect(f[-1, 0] == Cell.blank)
        #expect(f[3, 3] == Cell.blank)
    }

    @Test func asciiFoldingKeepsWidths() {
        var f = Frame(size: Size(width: 12, height: 1))
        f.put("é日ñ😀─x", x: 0, y: 0)
        let folded = f.asciiFolded()
        #expect(folded.text() == "e??n??-x")
        for x in 0..<12 {
            let ascii = folded[x, 0].grapheme.unicodeScalars.allSatisfy(\.isASCII)
            #expect(ascii)
        }
        #expect(TextWidth.of(folded.text()) == TextWidth.of(f.text()))
        #expect(AsciiFold.fold("e\u{301}") == "e")
        #expect(AsciiFold.fold("Ω") == "?")
    }
}
