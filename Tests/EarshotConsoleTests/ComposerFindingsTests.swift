import EarshotConsole
import EarshotCore
import Terminal
import TestSupport
import Testing

/// Issue 10, queue 7: the post composer shows every policy finding, blocking
/// ones first, with room to scroll when they do not fit.
@Suite struct ComposerFindingsTests {
    func composing(_ text: String) -> AppState {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(bannedPhrases: [
            .init(phrase: "free for all", severity: .blocking),
            .init(phrase: "guaranteed", severity: .warning),
            .init(phrase: "amazing", severity: .warning),
            .init(phrase: "best ever", severity: .warning),
        ])
        var s = state(as: "aisha", ws: ws)
        _ = press(&s, .char("2"), .char("n"))
        type(&s, text)
        return s
    }

    @Test func everyFindingCanBeReadByScrolling() {
        var s = composing("A free for all, guaranteed amazing, the best ever!")
        let first = Screen.render(s).text()
        #expect(first.contains("blocks: “free for all”"), "blocking first")
        #expect(first.contains("findings 1–2 of 4"))
        #expect(!first.contains("best ever”"))
        _ = press(&s, .escape, .char("f"))
        let next = Screen.render(s).text()
        #expect(next.contains("findings 3–4 of 4"))
        #expect(next.contains("“best ever”"))
        _ = press(&s, .char("f"))
        #expect(Screen.render(s).text().contains("findings 1–2 of 4"), "f wraps round to the first")
    }

    @Test func threeOrFewerFindingsShowWhole() {
        let s = composing("A free for all, guaranteed!")
        let text = Screen.render(s).text()
        #expect(text.contains("“free for all”"))
        #expect(text.contains("“guaranteed”"))
        #expect(!text.contains("findings 1–"))
    }
}

/// Issue 10, queue 1: saved views work in the drafts pane as in the inbox.
@Suite struct DraftViewsTests {
    @Test func theStoresDraftViewsAreOnTheNumberKeys() {
        var ws = Fixture.workspace()
        ws.config.draftViews = [SavedView(name: "Ben's queue", filter: "author:ben")]
        var s = state(as: "priya", ws: ws)
        _ = press(&s, .char("2"), .char("3"))
        #expect(s.message?.text.hasPrefix("Ben's queue: 1 drafts") == true)
        #expect(s.draftOrder == ["d-2"])
    }

    @Test func withoutThemTheBuiltInViewsServe() {
        var s = state(as: "priya")
        _ = press(&s, .char("2"), .char("3"))
        #expect(s.message?.text.hasPrefix("Waiting:") == true)
    }

    @Test func aDraftViewThatCannotWorkIsReported() {
        var config = Fixture.config()
        config.draftViews = [SavedView(name: "Odd", filter: "colour:blue")]
        #expect(config.problems().contains { $0.hasPrefix("draftViews: Odd:") })
    }
}

/// Issue 7: an item that came with its link shows it, so staff can open the post.
@Suite struct ItemLinkTests {
    @Test func theDetailShowsWhereThePostIs() {
        var ws = Fixture.workspace()
        ws.items["i-1"]?.url = "https://x.example/samlee/status/1"
        let s = state(as: "aisha", size: Size(width: 100, height: 30), ws: ws)
        #expect(Screen.render(s).text().contains("On X: https://x.example/samlee/status/1"))
    }
}
