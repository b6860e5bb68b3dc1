import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Rendered screens compared with text snapshots in __Snapshots__.
@Suite struct ScreenTests {
    @Test func inboxAt80x24() {
        assertScreen(Screen.render(state()), named: "inbox-80x24")
    }

    @Test func draftsFocusedShowsCountsPerChannel() {
        var s = state(as: "priya")
        _ = s.update(.key(.tab))
        assertScreen(Screen.render(s), named: "drafts-80x24")
    }

    @Test func aLargeTerminalGetsAColumnForTheDetail() {
        assertScreen(Screen.render(state(size: Size(width: 140, height: 32))), named: "inbox-140x32")
    }

    @Test func helpListsThePanesKeys() {
        var s = state()
        _ = s.update(.key(.char("?")))
        let frame = Screen.render(s)
        assertScreen(frame, named: "help-inbox")
        #expect(frame.text().contains("mark handled (done)"))
    }

    @Test func requestChangesPrompt() {
        var s = state(as: "priya")
        for key: Key in [.tab, .char("c"), .char("N"), .char("e"), .char("e"), .char("d"), .char("s"), .char(" "), .char("a"), .char(" "), .char("t"), .char("i"), .char("m"), .char("e")] {
            _ = s.update(.key(key))
        }
        let frame = Screen.render(s)
        assertScreen(frame, named: "prompt-request-changes")
        #expect(frame.cursorPoint == Point(x: 32, y: 23), "the real cursor sits at the insertion point")
    }

    @Test func tooSmall() {
        let frame = Screen.render(state(size: Size(width: 60, height: 20)))
        assertScreen(frame, named: "too-small")
        #expect(frame.text().contains("Terminal too small"))
    }

    @Test func theCursorIsLeftOnTheSelectedRow() {
        var s = state()
        _ = s.update(.key(.char("j")))
        _ = s.update(.key(.char("j")))
        let frame = Screen.render(s)
        let row = frame.lines()[frame.cursorPoint!.y]
        #expect(row.contains("Élodie Martin"))
    }

    @Test func hostileTextNeverReachesTheScreen() {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.text = "Hi\u{1b}]0;pwned\u{07} there\u{1b}[2J\u{202e}gnp.exe\u{9b}31m"
        let frame = Screen.render(state(ws: ws))
        for line in frame.lines() {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) || $0 == "\u{202e}" })
        }
        #expect(frame.text().contains("there"))
    }

    /// The display column at which `word` starts in row `y` (wide graphemes count twice).
    func column(of word: String, row y: Int, in frame: Frame) -> Int? {
        var cells: [String] = []
        for x in 0..<frame.size.width { cells.append(frame[x, y].isContinuation ? "\u{1}" : frame[x, y].grapheme) }
        let line = cells.map { $0.count == 1 ? $0 : "\u{2}" }.joined()
        guard let r = line.range(of: word) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound)
    }

    @Test(arguments: [80, 200])
    func hostileTextKeepsEveryColumnInItsPlace(width: Int) {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.author.displayName = "Sam\u{1B}[1m\u{0}Lee\u{E0041}"
        ws.items["i-1"]?.text = "open \u{1B}]0;pwned\u{07}late \u{1B}[31mok"
        ws.items["i-3"]?.text = "nul\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0} end"
        let frame = Screen.render(state(size: Size(width: width, height: 24), ws: ws))
        let clean = column(of: "needs-reply", row: 5, in: frame)
        #expect(clean != nil)
        #expect(column(of: "new", row: 4, in: frame) == clean, "an escape sequence moved the status column")
        #expect(column(of: "handled", row: 6, in: frame) == clean, "NUL characters moved the status column")
        for line in frame.lines() { #expect(TextWidth.of(line) <= width) }
    }

    @Test func wideCharactersNeverOverrunARow() {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.text = String(repeating: "日本語の本を借りたいです😀", count: 10)
        ws.items["i-1"]?.author.displayName = "山田花子👩‍👩‍👧"
        let frame = Screen.render(state(ws: ws))
        for line in frame.lines() { #expect(TextWidth.of(line) <= 80) }
        assertScreen(frame, named: "inbox-wide-characters")
    }

    @Test func asciiModeDrawsNoUnicode() {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.text = "Café 日本 😀"
        var s = state(ws: ws)
        s.glyphs = .ascii
        let frame = Screen.render(s)
        #expect(frame.text().unicodeScalars.allSatisfy { $0.isASCII })
        assertScreen(frame, named: "inbox-ascii")
    }

    @Test func aThreadReadsAsOneConversationWithTheLibraryMarked() {
        var ws = Fixture.workspace()
        ws.items["t-1"] = Fixture.item("t-1", text: "Why close Millbrook on Saturdays?", author: "Gareth Pryce", ago: Fixture.minutes(50))
        ws.items["t-2"] = Fixture.item("t-2", text: "Nothing is decided yet; the consultation runs to 18 December.", author: "Harbourside", ago: Fixture.minutes(40), inReplyTo: "t-1", fromLibrary: true)
        ws.items["t-3"] = Fixture.item("t-3", text: "Then say so on the posters!", author: "Derek Hollis", ago: Fixture.minutes(30), inReplyTo: "t-2")
        var s = state(ws: ws)
        _ = s.update(.key(.char("g")))
        #expect(s.selectedItem?.id == "t-3")
        _ = s.update(.key(.enter))
        let frame = Screen.render(s)
        #expect(frame.text().contains("◆ Harbourside (library)"))
        assertScreen(frame, named: "thread")
    }

    @Test func aFilteredListWithABulkSelection() {
        var ws = Fixture.workspace()
        ws.items["i-2"]?.tags = ["printing", "complaint"]
        ws.items["i-1"]?.assignee = "ben"
        var s = state(ws: ws)
        _ = s.update(.key(.char("F")))
        for c in "is:open" { _ = s.update(.key(.char(c))) }
        _ = s.update(.key(.enter))
        _ = s.update(.key(.char(" ")))
        _ = s.update(.key(.char(" ")))
        let frame = Screen.render(s)
        #expect(frame.text().contains("2 selected"))
        assertScreen(frame, named: "filtered-bulk")
    }

    @Test func theReviewShowsPolicyFindingsImagesAndHistory() {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(bannedPhrases: [.init(phrase: "is back", severity: .warning, reason: "say what is new")],
                                          altTextRequired: .blocking)
        ws.drafts["d-1"]?.images = [PostImage(source: "storytime.jpg", altText: nil)]
        ws.drafts["d-1"]?.notes = [ReviewNote(by: "morgan", at: Fixture.now.addingTimeInterval(-600), revision: 1, verdict: .changesRequested, text: "Which room?")]
        var s = state(as: "priya", size: Size(width: 100, height: 34), ws: ws)
        _ = s.update(.key(.tab))
        let frame = Screen.render(s)
        #expect(frame.text().contains("warning: “is back” is a banned phrase: say what is new (characters 12–18)"))
        #expect(frame.text().contains("blocks: image storytime.jpg has no alt text"))
        assertScreen(frame, named: "review")
    }
}
