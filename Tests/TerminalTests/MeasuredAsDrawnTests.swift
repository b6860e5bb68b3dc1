import Testing
@testable import Terminal

/// Text is measured as it is drawn: sanitised first, with stand-ins for graphemes
/// terminals disagree on, so no cell ever outruns its column.
@Suite struct MeasuredAsDrawnTests {
    static let hostile: [String] = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]0;pwned\u{07}title", String(repeating: "\u{0}", count: 7) + "nul",
        "a\u{202E}bidi", "x\u{E0041}\u{E0042}tags", "tab\there", "two\nlines", "del\u{7F}c1\u{85}",
        "👨‍👩‍👧‍👦 family", "🇬🇧 flag", "👍🏽 thumbs", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} scot",
        "e" + String(repeating: "\u{301}", count: 9) + " marks", "日本語", "❤\u{FE0F} heart", "\u{9B}31mcsi",
    ]

    @Test(arguments: hostile)
    func theMeasuredWidthIsTheDrawnWidth(_ text: String) {
        var frame = Frame(size: Size(width: 60, height: 1))
        let drawn = frame.put(text, x: 0, y: 0)
        #expect(drawn == TextWidth.of(text))
    }

    @Test(arguments: hostile)
    func aPaddedCellEndsExactlyAtItsColumn(_ text: String) {
        var frame = Frame(size: Size(width: 40, height: 1))
        frame.put(TextWidth.pad(text, to: 12) + "|", x: 0, y: 0)
        #expect(frame[12, 0].grapheme == "|")
        var narrow = Frame(size: Size(width: 40, height: 1))
        narrow.put(TextWidth.pad(text, to: 4) + "|", x: 0, y: 0)
        #expect(narrow[4, 0].grapheme == "|")
    }

    @Test func tagCharactersAreNeutralisedLikeOtherInvisibles() {
        #expect(Sanitizer.clean("a\u{E0001}\u{E0068}\u{E0069}\u{E007F}b") == "ab")
        #expect(TextWidth.of("a\u{E0068}\u{E0069}b") == 2)
    }

    @Test func nulCharactersCannotPushTheRestOfACommentAway() {
        let text = String(repeating: "\u{0}", count: 70) + " and here is the rest of it"
        let lines = TextWidth.wrap(text, width: 40)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 40 })
        var frame = Frame(size: Size(width: 40, height: lines.count))
        for (y, line) in lines.enumerated() { frame.put(line, x: 0, y: y, maxWidth: 40) }
        #expect(frame.lines().joined(separator: " ").contains("and here is the rest of it"))
    }

    @Test func zwjSequencesAreDrawnAsOneWholeCellPairThatNcursesCanHold() {
        var frame = Frame(size: Size(width: 20, height: 1))
        frame.put("👨‍👩‍👧‍👦x👍🏽y🇬🇧z", x: 0, y: 0)
        #expect(frame[0, 0].grapheme == "👨")
        #expect(frame[1, 0].isContinuation)
        #expect(frame[2, 0].grapheme == "x")
        #expect(frame[3, 0].grapheme == "👍")
        #expect(frame[5, 0].grapheme == "y")
        #expect(frame.lines()[0] == "👨x👍yGBz")
        for x in 0..<20 {
            let scalars = frame[x, 0].grapheme.unicodeScalars
            #expect(scalars.count <= 5, "cell \(x) holds more than ncurses keeps")
            #expect(scalars.dropFirst().allSatisfy { TextWidth.isZeroWidth($0) }, "cell \(x) holds a second spacing character")
        }
    }

    @Test func noDrawnLineEverOutrunsTheScreen() {
        let text = Self.hostile.joined(separator: " ")
        for width in [20, 33, 80] {
            var frame = Frame(size: Size(width: width, height: 40))
            for (y, line) in TextWidth.wrap(text, width: width).prefix(40).enumerated() {
                #expect(frame.put(line, x: 0, y: y) <= width)
                #expect(TextWidth.of(line) <= width)
            }
        }
    }
}
