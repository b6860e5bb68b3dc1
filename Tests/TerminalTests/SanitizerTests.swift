import Testing
@testable import Terminal

@Suite struct SanitizerTests {
    let fffd = "\u{FFFD}"

    /// Nothing that could drive a terminal may survive.
    func assertInert(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let isControl = (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v)
            #expect(!isControl, "control U+\(String(v, radix: 16)) survived in \(s.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func stripsCSISequencesWhole() {
        let out = Sanitizer.clean("a\u{1B}[2Jb\u{1B}[1;31mc")
        #expect(out == "a\(fffd)b\(fffd)c")
        assertInert(out)
    }

    @Test func stripsOSCTitleIncludingItsPayload() {
        let out = Sanitizer.clean("hi\u{1B}]0;pwned\u{07}there")
        #expect(out == "hi\(fffd)there")
        #expect(!out.contains("pwned"))
    }

    @Test func stripsOSC52ClipboardWriteWithEitherTerminator() {
        let bel = Sanitizer.clean("x\u{1B}]52;c;cm0gLXJmIH4=\u{07}y")
        let st = Sanitizer.clean("x\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\y")
        #expect(bel == "x\(fffd)y")
        #expect(st == "x\(fffd)y")
        // Unterminated: the payload is swallowed to the end, nothing executable remains.
        let open = Sanitizer.clean("x\u{1B}]52;c;cm0g")
        #expect(open == "x\(fffd)")
    }

    @Test func strips8BitC1Forms() {
        #expect(Sanitizer.clean("a\u{9B}31mb") == "a\(fffd)b")                 // 8-bit CSI
        #expect(Sanitizer.clean("a\u{9D}0;title\u{9C}b") == "a\(fffd)b")       // 8-bit OSC + ST
        #expect(Sanitizer.clean("a\u{90}qpayload\u{1B}\\b") == "a\(fffd)b")    // 8-bit DCS
        #expect(Sanitizer.clean("a\u{85}b") == "a\(fffd)b")                    // NEL
    }

    @Test func stripsOtherStringAndShortEscapes() {
        #expect(Sanitizer.clean("a\u{1B}Pq#0\u{1B}\\b") == "a\(fffd)b")   // DCS (sixel)
        #expect(Sanitizer.clean("a\u{1B}_apc\u{1B}\\b") == "a\(fffd)b")   // APC
        #expect(Sanitizer.clean("a\u{1B}(Bb") == "a\(fffd)b")             // charset select
        #expect(Sanitizer.clean("a\u{1B}cb") == "a\(fffd)b")              // full reset
        #expect(Sanitizer.clean("end\u{1B}") == "end\(fffd)")
    }

    @Test func replacesC0ControlsVisibly() {
        #expect(Sanitizer.clean("ding\u{07}") == "ding\(fffd)")       // bell
        #expect(Sanitizer.clean("abc\u{08}\u{08}x") == "abc\(fffd)\(fffd)x")  // backspace
        #expect(Sanitizer.clean("over\rwrite") == "over\(fffd)write")
        #expect(Sanitizer.clean("del\u{7F}") == "del\(fffd)")
        #expect(Sanitizer.clean("a\tb") == "a b")
        #expect(Sanitizer.clean("line\r\nnext") == "line\nnext")
    }

    @Test func neutralisesBidiAndInvisibleCharacters() {
        #expect(Sanitizer.clean("abc\u{202E}fed") == "abc\(fffd)fed")   // RLO
        #expect(Sanitizer.clean("x\u{2066}y\u{2069}") == "x\(fffd)y\(fffd)")
        #expect(Sanitizer.clean("pay\u{200B}pal") == "paypal")           // zero-width space
        #expect(Sanitizer.clean("\u{FEFF}bom") == "bom")
        #expect(Sanitizer.clean("soft\u{AD}hyphen") == "softhyphen")
    }

    @Test func keepsOrdinaryTextIntact() {
        let text = "caf\u{E9} cafe\u{301} 日本語 😀 👨‍👩‍👧‍👦 🇫🇷\nsecond line"
        #expect(Sanitizer.clean(text) == text)
        #expect(Sanitizer.clean("") == "")
    }

    @Test func hostileMixIsInert() {
        let nasty = "\u{1B}[?1049h\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\\u{9B}2J\u{0}\u{1B}[6n"
        let out = Sanitizer.clean(nasty)
        assertInert(out)
        #expect(out.contains("link"))
    }
}
