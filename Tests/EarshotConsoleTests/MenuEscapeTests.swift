import EarshotConsole
import EarshotCore
import Terminal
import TestSupport
import Testing

/// Esc in a composer's menu goes back to the text, so what is typed next is text,
/// never a command on the panes behind it.
@Suite struct MenuEscapeTests {
    @Test func escInThePostMenuGoesBackToTheText() {
        var s = state(as: "aisha")
        _ = press(&s, .char("2"), .char("n"))
        type(&s, "Crafts")
        _ = press(&s, .escape, .escape)
        type(&s, " xo")
        #expect(s.mode == .compose)
        #expect(s.composer?.editor.text == "Crafts xo")
        #expect(!s.draftsBySchedule, "o did not reorder the queue")
    }

    @Test func escInTheReplyMenuGoesBackToTheText() {
        var s = state(as: "aisha")
        _ = press(&s, .char("r"))
        type(&s, "Yes")
        _ = press(&s, .escape, .escape)
        type(&s, " do")
        #expect(s.mode == .compose)
        #expect(s.composer?.editor.text == "Yes do")
        #expect(s.workspace.items["i-1"]?.status == .new)
    }

    @Test func qClosesTheMenuKeepingTheText() {
        var s = state(as: "aisha")
        _ = press(&s, .char("2"), .char("n"))
        type(&s, "Crafts")
        let effects = press(&s, .escape, .char("q"))
        #expect(s.mode == .normal)
        #expect(s.message?.text == "post kept; r in the drafts pane reopens it")
        #expect(effects.count == 1)
        _ = press(&s, .char("r"))
        #expect(s.mode == .compose)
        #expect(s.composer?.editor.text == "Crafts")
    }
}
