@testable import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// What a person reads at 80x24: the text before the metadata, quotes that say
/// they are cut, warnings that never cover what they warn about.
@Suite struct ReadingTests {
    static let long = "We left a bag of books at the Central desk on Saturday morning. "
        + "Could someone check the lost property box by the door? It has our library cards in it too."

    func busyState() -> AppState {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.text = Self.long
        ws.items["i-1"]?.tags = ["lost-property", "central"]
        ws.items["i-1"]?.changedBy = "ben"
        ws.items["i-1"]?.changedAt = Fixture.now
        var s = state(ws: ws)
        s.presences = [Presence(login: "ben", session: "b", item: "i-1", replying: false, updatedAt: Fixture.now),
                       Presence(login: "priya", session: "p", item: "i-1", replying: false, updatedAt: Fixture.now)]
        return s
    }

    @Test func theFirstItemsDetailShowsItsTextBeforeItsMetadata() {
        let lines = Screen.render(busyState()).lines()
        let detail = lines.firstIndex { $0.hasPrefix("Selected comment") }
        #expect(detail != nil)
        let below = lines[(detail ?? 0)...].joined(separator: " ")
        #expect(below.contains("We left a bag of books"), "none of the comment's text is on screen")
    }

    @Test func aWarningInTheReplyEditorHasARowOfItsOwn() {
        var s = busyState()
        s.presences = [Presence(login: "ben", session: "b", item: "i-1", replying: true, updatedAt: Fixture.now)]
        _ = press(&s, .char("r"))
        let lines = Screen.render(s).lines()
        let quoted = TextWidth.wrap(Self.long, width: 76)
        #expect(lines.contains { $0.contains(quoted[0]) })
        #expect(lines.contains { $0.contains(quoted[1].dropLast(2)) }, "the second quoted line was overwritten")
        let warning = lines.first { $0.contains("is replying to this too") }
        #expect(warning?.trimmingCharacters(in: .whitespaces) == "✗ ben is replying to this too", "a quote's tail is left beside the warning")
    }

    @Test func theReplyEditorSaysItsQuoteIsCutAndShowsWhatTheCommentAnswers() {
        var ws = Fixture.workspace()
        ws.items["i-2"]?.text = Self.long
        ws.items["i-2"]?.inReplyTo = "i-1"
        var s = state(ws: ws)
        s.selectItem("i-2")
        _ = press(&s, .char("r"))
        let text = Screen.render(s).text()
        #expect(text.contains("…"), "a cut quote must say so")
        #expect(text.contains("in reply to Sam Lee: Is the Central library open late on Thursday?"))
    }
}
