import Testing
@testable import Terminal

@Suite struct TextEditorHistoryTests {
    func typed(_ s: String, into e: inout TextEditor) {
        for c in s { e.press(c == "\n" ? .enter : .char(c)) }
    }

    @Test func typingUndoesWordByWord() {
        var e = TextEditor()
        typed("hello world\nbye", into: &e)
        e.press(.ctrl("z"))
        #expect(e.text == "hello world")
        e.press(.alt("u"))
        #expect(e.text == "hello" && e.cursor == 5)
        e.press(.ctrl("z"))
        #expect(e.text.isEmpty && !e.canUndo && e.canRedo)
        e.press(.ctrl("y"))
        #expect(e.text == "hello" && e.cursor == 5)
        e.press(.alt("r"), .alt("r"))
        #expect(e.text == "hello world\nbye" && !e.canRedo)
    }

    @Test func aMovementEndsTheStep() {
        var e = TextEditor()
        typed("ab", into: &e)
        e.press(.left)
        typed("X", into: &e)
        e.press(.right)
        typed("c", into: &e)
        #expect(e.text == "aXbc")
        e.undo()
        #expect(e.text == "aXb" && e.cursor == 3)
        e.undo()
        #expect(e.text == "ab" && e.cursor == 1)
    }

    @Test func deletionsGroupByKindAndBreakTyping() {
        var e = TextEditor(text: "hello")
        e.press(.backspace, .backspace, .backspace)
        typed("y", into: &e)
        #expect(e.text == "hey")
        e.undo()
        #expect(e.text == "he")
        e.undo()
        #expect(e.text == "hello" && e.cursor == 5)
        #expect(!e.canUndo)  // the initial text is not an undo step
        var f = editor("abcd", at: 0)
        f.press(.delete, .delete, .backspace)
        f.undo()
        #expect(f.text == "abcd" && f.cursor == 0)
    }

    @Test func wordAndLineKillsAreStepsOfTheirOwn() {
        var e = TextEditor(text: "one two three")
        e.press(.ctrl("w"), .ctrl("w"), .ctrl("u"))
        #expect(e.text.isEmpty)
        e.undo()
        #expect(e.text == "one ")
        e.undo(); e.undo()
        #expect(e.text == "one two three" && e.cursor == 13)
    }

    @Test func aPasteIsOneStepAndDoesNotJoinTyping() {
        var e = TextEditor()
        typed("Dear ", into: &e)
        e.press(.paste("line one\r\nline two 日本 😀"))
        typed("x", into: &e)
        #expect(e.text == "Dear line one\nline two 日本 😀x")
        e.undo()
        e.undo()
        #expect(e.text == "Dear " && e.cursor == 5)
        e.redo()
        #expect(e.text == "Dear line one\nline two 日本 😀" && e.cursor == e.text.count)
        e.insert("!")
        #expect(!e.canRedo)
    }

    @Test func undoRestoresJoinedGraphemesExactly() {
        var e = TextEditor(text: "👨")
        for s in "\u{200D}👩".unicodeScalars { e.press(.char(Character(s))) }
        #expect(e.text == "👨‍👩" && e.text.count == 1)
        e.undo()
        #expect(e.text.unicodeScalars.elementsEqual("👨".unicodeScalars) && e.cursor == 1)
        e.redo()
        #expect(e.text == "👨‍👩" && e.cursor == 1)
    }

    @Test func undoAndRedoWithNothingToDoAreHarmless() {
        var e = TextEditor(text: "same")
        e.press(.ctrl("z"), .ctrl("y"))
        #expect(e.text == "same" && e.cursor == 4)
    }

    @Test func largeTextsStayResponsive() {
        // 2,000 single keystrokes, with line moves, must finish: no work per key that
        // grows with the square of the text.
        var e = TextEditor()
        for i in 0..<2_000 {
            e.press(i % 50 == 49 ? .enter : .char(i % 7 == 0 ? " " : "x"))
            if i % 100 == 0 { e.press(.up, .down, .end) }
        }
        #expect(e.text.count == 2_000)
        var big = TextEditor(text: String(repeating: "word 日本 ", count: 12_500))
        big.press(.paste(String(repeating: "paste ", count: 1_000)))
        big.press(.home, .up, .char("!"), .ctrl("z"))
        #expect(big.text.count == 100_000 + 6_000)
        #expect(big.layout(width: 80).lines.allSatisfy { TextWidth.of($0) <= 80 })
    }
}
