import Testing
@testable import Terminal

@Suite struct InputDecoderTests {
    /// Feeds every scalar of `s` as get_wch would return it, collecting the keys.
    func feed(_ s: String, into d: inout InputDecoder) -> [Key] {
        s.unicodeScalars.flatMap { d.feed(.char($0.value)) }
    }

    func decode(_ s: String, thenIdle idle: Int? = nil) -> [Key] {
        var d = InputDecoder()
        var keys = feed(s, into: &d)
        if let idle { keys += d.feed(.idle(milliseconds: idle)) }
        return keys
    }

    @Test func ordinaryKeysPassStraightThrough() {
        #expect(decode("a日\r\u{7F}\u{17}") == [.char("a"), .char("日"), .enter, .backspace, .ctrl("w")])
        var d = InputDecoder()
        #expect(d.feed(.keyCode(KeyCode.up, name: "KEY_UP")) == [.up])
        #expect(d.pendingWaitMilliseconds == nil)
    }

    @Test func aLoneEscapeIsEscapeOnceNothingFollows() {
        var d = InputDecoder()
        #expect(d.feed(.char(27)).isEmpty)
        #expect(d.pendingWaitMilliseconds == 0)
        #expect(d.feed(.idle(milliseconds: 0)) == [.escape])
        #expect(d.pendingWaitMilliseconds == nil)
        #expect(decode("\u{1B}\u{1B}", thenIdle: 0) == [.escape, .escape])
    }

    @Test func escapeFollowedAtOnceIsAlt() {
        #expect(decode("\u{1B}b\u{1B}F\u{1B}é") == [.alt("b"), .alt("F"), .alt("é")])
        #expect(decode("\u{1B}\u{7F}\u{1B}\u{8}") == [.altBackspace, .altBackspace])
        var d = InputDecoder()
        _ = d.feed(.char(27))
        #expect(d.feed(.keyCode(KeyCode.backspace, name: "KEY_BACKSPACE")) == [.altBackspace])
        _ = d.feed(.char(27))
        #expect(d.feed(.keyCode(KeyCode.left, name: "KEY_LEFT")) == [.ctrlLeft])
        // Alt-Enter is Enter, not an Esc that would cancel the reply.
        #expect(decode("\u{1B}\r") == [.enter])
    }

    @Test func extendedKeysAreRecognisedByName() {
        var d = InputDecoder()
        #expect(d.feed(.keyCode(560, name: "kLFT5")) == [.ctrlLeft])
        #expect(d.feed(.keyCode(575, name: "kRIT5")) == [.ctrlRight])
        #expect(d.feed(.keyCode(561, name: "kUP5")) == [.unknown(561)])
        #expect(d.feed(.keyCode(562, name: nil)) == [.unknown(562)])
    }

    @Test func csiSequencesNcursesDidNotKnow() {
        #expect(decode("\u{1B}[1;5D\u{1B}[1;5C") == [.ctrlLeft, .ctrlRight])
        #expect(decode("\u{1B}[A\u{1B}[D\u{1B}[3~") == [.up, .left, .delete])
        #expect(decode("\u{1B}[99~x") == [.unknown(27), .char("x")])
        #expect(decode("\u{1B}[", thenIdle: 50) == [.alt("[")])
        var d = InputDecoder()
        _ = feed("\u{1B}[1", into: &d)
        #expect(d.pendingWaitMilliseconds == InputDecoder.sequenceWaitMilliseconds)
    }

    @Test func aPasteArrivesWholeAndWhatFollowsIsKeys() {
        let keys = decode("\u{1B}[200~héllo\r\n日本 😀\u{1B}[201~q\r")
        #expect(keys == [.paste("héllo\n日本 😀"), .char("q"), .enter])
    }

    @Test func newlinesInAPasteAreText() {
        #expect(decode("\u{1B}[200~a\rb\r\rc\nd\r\n\u{1B}[201~") == [.paste("a\nb\n\nc\nd\n")])
        #expect(decode("\u{1B}[200~\u{1B}[201~x") == [.char("x")])  // empty paste: nothing
    }

    @Test func escapesInsideAPasteThatAreNotTheEndMarkerAreKept() {
        #expect(decode("\u{1B}[200~a\u{1B}[201x\u{1B}\u{1B}[201~") == [.paste("a\u{1B}[201x\u{1B}")])
        #expect(decode("\u{1B}[200~tab\there\u{1B}[201~") == [.paste("tab\there")])
    }

    @Test func ncursesKeysInsideAPaste() {
        var d = InputDecoder()
        _ = feed("\u{1B}[200~a", into: &d)
        #expect(d.isInPaste)
        #expect(d.feed(.keyCode(KeyCode.enter, name: "KEY_ENTER")).isEmpty)
        #expect(d.feed(.keyCode(KeyCode.up, name: "KEY_UP")).isEmpty)  // was "\e[A" in the text
        #expect(feed("b\u{1B}[201~", into: &d) == [.paste("a\nb")])
    }

    @Test func pasteMarkersRecognisedAsKeysByNcurses() {
        var d = InputDecoder()
        #expect(d.feed(.keyCode(600, name: "kPS")).isEmpty)
        _ = feed("hi", into: &d)
        #expect(d.feed(.keyCode(601, name: "kPE")) == [.paste("hi")])
        #expect(!d.isInPaste)
    }

    @Test func anUnterminatedPasteIsDeliveredAfterSilence() {
        var d = InputDecoder()
        _ = feed("\u{1B}[200~lost?", into: &d)
        #expect(d.feed(.idle(milliseconds: 150)).isEmpty)
        #expect(d.pendingWaitMilliseconds == 50)
        _ = feed("\u{1B}[20", into: &d)  // activity resets the silence; a half marker is text
        #expect(d.feed(.idle(milliseconds: 150)).isEmpty)
        #expect(d.feed(.idle(milliseconds: 50)) == [.paste("lost?\u{1B}[20")])
        #expect(!d.isInPaste)
        #expect(feed("a", into: &d) == [.char("a")])
    }

    @Test func aHugePasteIsDeliveredInPiecesWithoutLoss() {
        var d = InputDecoder()
        var keys = feed("\u{1B}[200~", into: &d)
        let total = InputDecoder.maxPasteBytes + 10
        for i in 0..<total {
            keys += d.feed(.char(i % 2 == 0 ? 0x61 : 0x62))
            if i == InputDecoder.maxPasteBytes - 1 { #expect(keys.count == 1) }
        }
        keys += feed("\u{1B}[201~", into: &d)
        #expect(keys.count == 2)
        var text = ""
        for case .paste(let s) in keys { text += s }
        #expect(text.utf8.count == total)
        #expect(text.hasPrefix("abab") && text.hasSuffix("abab"))
    }
}
