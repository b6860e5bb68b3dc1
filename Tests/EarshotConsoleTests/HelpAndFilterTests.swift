@testable import EarshotConsole
import EarshotCore
import Terminal
import TestSupport
import Testing

/// Help that scrolls like everything else and explains the marks; filter errors
/// that can be read whole and catch values that name nothing.
@Suite struct HelpAndFilterTests {
    func helpScroll(_ s: AppState) -> Int? {
        if case .help(let scroll) = s.mode { return scroll }
        return nil
    }

    @Test(arguments: [Key.pageDown, .ctrl("f"), .char("G"), .end])
    func helpScrollsWithThePageAndEndKeys(_ key: Key) {
        var s = state()
        _ = press(&s, .char("?"))
        #expect(helpScroll(s) == 0)
        _ = press(&s, key)
        #expect((helpScroll(s) ?? 0) > 1, "\(key) did not scroll the help")
        if key == .char("G") || key == .end {
            #expect(Screen.render(s).text().contains("closes this help"), "G must reach the end")
        }
        // And straight back from wherever it stopped.
        _ = press(&s, .char("g"))
        #expect(helpScroll(s) == 0)
    }

    @Test func helpNamesTheSavedViewsThatExistAndExplainsTheMarks() {
        var s = state(size: Size(width: 80, height: 90))
        _ = press(&s, .char("?"))
        let text = Screen.render(s).text()
        let views = s.savedViews
        #expect(!views.isEmpty)
        for view in views { #expect(text.contains("saved view: \(view.name)")) }
        #expect(!text.contains("saved view \(views.count + 1)"), "help lists a saved view that does not exist")
        #expect(!text.contains("saved view 7"))
        for meaning in ["past its reply target", "a colleague is looking at it", "a colleague is replying to it",
                        "selected for a bulk action", "the library's own post"] {
            #expect(text.contains(meaning), "no legend for: \(meaning)")
        }
    }

    @Test func aFilterErrorIsShownWholeAt80Columns() {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, "status:bogus")
        _ = press(&s, .enter)
        let text = Screen.render(s).lines().joined(separator: " ")
        #expect(s.message?.text.contains("escalated") == true)
        for status in ["new", "needs-reply", "handled", "escalated", "hidden", "open", "closed"] {
            #expect(text.contains(status), "the list of valid values is cut before \(status)")
        }
    }

    @Test(arguments: ["assignee:aisah", "branch:northgat", "tag:evnts"])
    func filterValuesThatNameNothingKnownAreFlagged(_ filter: String) {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, filter)
        _ = press(&s, .enter)
        guard case .prompt = s.mode else {
            Issue.record("\(filter) was accepted and silently matches nothing")
            return
        }
        let value = String(filter.split(separator: ":")[1])
        #expect(s.message?.kind == .refusal)
        #expect(s.message?.text.contains("'\(value)'") == true)
        #expect(s.message?.text.contains("known:") == true)
    }

    @Test(arguments: ["assignee:aisha", "assignee:me", "branch:central", "assignee:none"])
    func knownFilterValuesStillWork(_ filter: String) {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, filter)
        _ = press(&s, .enter)
        #expect(s.mode == .normal, "\(filter) was refused: \(s.message?.text ?? "")")
    }
}
