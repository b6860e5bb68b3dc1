import Testing
@testable import Terminal

/// An editor holding `text` with the cursor at `at` (default: the end).
func editor(_ text: String, at: Int? = nil) -> TextEditor {
    var e = TextEditor(text: text)
    if let at {
        _ = e.handle(.alt("<"), width: 80)
        for _ in 0..<at { _ = e.handle(.right, width: 80) }
    }
    return e
}

extension TextEditor {
    mutating func press(_ keys: Key..., width: Int = 80) {
        for k in keys {
            let handled = handle(k, width: width)
            #expect(handled, "\(k) should be an editing key")
        }
    }
}

@Suite struct TextEditorEditingTests {
    @Test func startsWithTheCursorAtTheEndAndTypesThere() {
        var e = TextEditor(text: "ab")
        #expect(e.cursor == 2)
        e.press(.left, .char("X"), .enter, .char("日"))
        #expect(e.text == "aX\n日b")
        #expect(e.cursor == 4)
        #expect(TextEditor().text.isEmpty && TextEditor().cursor == 0)
    }

    @Test func insertNormalisesLineEndsTabsAndControls() {
        var e = TextEditor()
        e.insert("a\r\nb\rc\td\u{7}e\u{1B}[2Jf\u{9B}")
        #expect(e.text == "a\nb\nc    de[2Jf")
        #expect(e.cursor == e.text.count)
    }

    @Test func backspaceAndDeleteRemoveOneWholeGrapheme() {
        let family = "👨‍👩‍👧", accented = "e\u{301}", flag = "🇫🇷"
        var e = editor("a\(family)\(accented)\(flag)b", at: 1)
        e.press(.delete)
        #expect(e.text == "a\(accented)\(flag)b")
        e.press(.right, .right, .backspace)
        #expect(e.text == "a\(accented)b")
        e.press(.backspace)
        #expect(e.text == "ab" && e.cursor == 1)
        var start = editor("x", at: 0)
        start.press(.backspace)      // nothing before the cursor: still consumed
        #expect(start.text == "x")
        var end = editor("x")
        end.press(.delete)
        #expect(end.text == "x")
    }

    @Test func scalarsTypedOneByOneJoinIntoOneGrapheme() {
        var e = TextEditor(text: "a")
        for s in "👨‍👩‍👧".unicodeScalars { e.press(.char(Character(s))) }
        e.press(.char("e"), .char("\u{301}"))
        #expect(e.text == "a👨‍👩‍👧e\u{301}")
        #expect(e.cursor == 3 && e.text.count == 3)
        e.press(.left, .backspace)
        #expect(e.text == "ae\u{301}")
        #expect(e.layout(width: 10).cursor == Point(x: 1, y: 0))
    }

    @Test func leftAndRightMoveByGraphemeAndStopAtTheEnds() {
        var e = editor("日👩‍👩‍👦x", at: 0)
        e.press(.left)
        #expect(e.cursor == 0)
        e.press(.right, .right)
        #expect(e.cursor == 2)
        #expect(e.layout(width: 10).cursor.x == 4)  // both graphemes are two columns
        e.press(.right, .right)
        #expect(e.cursor == 3)
    }

    @Test func wordMovement() {
        var e = editor("hello, big world", at: 0)
        e.press(.ctrlRight)
        #expect(e.cursor == 5)
        e.press(.alt("f"))
        #expect(e.cursor == 10)
        e.press(.ctrlRight, .ctrlRight)
        #expect(e.cursor == 16)
        e.press(.ctrlLeft)
        #expect(e.cursor == 11)
        e.press(.alt("b"), .alt("b"), .alt("b"))
        #expect(e.cursor == 0)
        e.press(.alt(">"))
        #expect(e.cursor == 16)
    }

    @Test func wordDeletion() {
        var e = editor("see https://x.org/a-b")
        e.press(.altBackspace)       // back to the start of a word
        #expect(e.text == "see https://x.org/a-")
        e.press(.ctrl("w"))          // back to whitespace: the whole URL
        #expect(e.text == "see ")
        e.press(.ctrl("w"))
        #expect(e.text.isEmpty)
        var f = editor("one two three", at: 3)
        f.press(.alt("d"))
        #expect(f.text == "one three" && f.cursor == 3)
    }

    @Test func killToStartAndEndOfTheVisualLine() {
        // Width 10: "alpha beta " | "gamma" — two visual rows of one line.
        var e = editor("alpha beta gamma\nnext", at: 13)
        e.press(.ctrl("u"), width: 10)
        #expect(e.text == "alpha beta mma\nnext" && e.cursor == 11)
        e.press(.ctrl("k"), width: 10)
        #expect(e.text == "alpha beta \nnext")
        e.press(.ctrl("k"), width: 10)   // at the end of a line: joins the next
        #expect(e.text == "alpha beta next")
        var f = editor("alpha beta gamma", at: 2)
        f.press(.ctrl("k"), width: 10)
        #expect(f.text == "algamma")
    }

    @Test func otherKeysAreLeftToTheCaller() {
        var e = editor("keep", at: 2)
        for key: Key in [.escape, .tab, .backTab, .pageUp, .pageDown, .function(1), .resize,
                         .ctrl("c"), .alt("x"), .insert, .unknown(7)] {
            let handled = e.handle(key, width: 20)
            #expect(!handled, "\(key)")
        }
        #expect(e.text == "keep" && e.cursor == 2 && !e.canUndo)
    }
}
