import Testing
@testable import Terminal

@Suite struct TextWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(TextWidth.of("hello") == 5)
        #expect(TextWidth.of("") == 0)
    }

    @Test func accentedLettersAreOneColumnEitherWayTheyAreEncoded() {
        let precomposed = "\u{E9}"       // é
        let combining = "e\u{301}"        // e + combining acute
        #expect(TextWidth.of(precomposed) == 1)
        #expect(TextWidth.of(combining) == 1)
        #expect(TextWidth.of("caf\u{E9} cafe\u{301}") == 9)
    }

    @Test func cjkIsTwoColumnsEach() {
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("한국어") == 6)
        #expect(TextWidth.of("ｆｕｌｌ") == 8)  // fullwidth Latin
    }

    @Test func emojiSequencesAreOneGlyphOfTwoColumns() {
        #expect(TextWidth.of("😀") == 2)
        #expect(TextWidth.of("👨‍👩‍👧‍👦") == 2)   // ZWJ family
        #expect(TextWidth.of("🇫🇷") == 2)        // flag: two regional indicators
        #expect(TextWidth.of("❤\u{FE0F}") == 2)  // VS16 asks for emoji presentation
        #expect(TextWidth.of("❤") == 1)          // text presentation by default
        #expect(TextWidth.of("1\u{FE0F}\u{20E3}") == 2)  // keycap
        #expect(TextWidth.of("👍🏽") == 2)        // skin-tone modifier
    }

    @Test func controlsTakeTheColumnOfTheirReplacementAndLoneMarksNone() {
        // Drawn as U+FFFD, so measured as one column.
        #expect(TextWidth.of("\u{07}") == 1)
        #expect(TextWidth.of("\u{1B}") == 1)
        #expect(TextWidth.of("\u{301}") == 0)
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    @Test func truncateNeverExceedsWidth() {
        let samples = ["日本語のテキスト", "ab日cd本ef", "😀😀😀x", "plain ascii text", "e\u{301}e\u{301}e\u{301}"]
        for s in samples {
            for width in 0...12 {
                let t = TextWidth.truncate(s, to: width)
                #expect(TextWidth.of(t) <= width, "\(s) at \(width) gave \(t)")
            }
        }
        #expect(TextWidth.truncate("日本語", to: 4) == "日…")
        #expect(TextWidth.truncate("日本語", to: 6) == "日本語")
        #expect(TextWidth.truncate("abcdef", to: 4, ellipsis: "...") == "a...")
        #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }

    @Test func padGivesExactWidthEvenWhenAWideCharDoesNotFit() {
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
        let padded = TextWidth.pad("日本語", to: 5)
        #expect(TextWidth.of(padded) == 5)
        #expect(padded == "日本…")
        #expect(TextWidth.pad("日本語", to: 4) == "日… ")
        #expect(TextWidth.pad("x", to: 0) == "")
    }

    @Test func wrapBreaksAtSpacesAndHonoursNewlines() {
        #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("one\ntwo three", width: 20) == ["one", "two three"])
        #expect(TextWidth.wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(TextWidth.wrap("", width: 5) == [""])
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func wrapNeverExceedsWidthWithWideCharacters() {
        let text = "日本語のテキストは長い 😀😀😀 mixed ascii and 한국어 text 👨‍👩‍👧‍👦 end"
        for width in 1...15 {
            let lines = TextWidth.wrap(text, width: width)
            #expect(!lines.isEmpty)
            for line in lines { #expect(TextWidth.of(line) <= width, "width \(width): \(line)") }
        }
        // Nothing but the dropped spaces is lost at a comfortable width.
        let joined = TextWidth.wrap(text, width: 9).joined()
        #expect(joined.filter { $0 != " " } == text.filter { $0 != " " })
        #expect(TextWidth.wrap("日本語", width: 3) == ["日", "本", "語"])
    }
}
