@testable import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// keymap.json speaks the palette's language, and says what is wrong with it.
@Suite struct KeymapTests {
    @Test func thePaletteShowsTheNameKeymapJsonUsesForEveryAction() throws {
        for pane in [Pane.inbox, .drafts] {
            var s = state(size: Size(width: 80, height: 60))
            s.focus = pane
            _ = press(&s, .char(":"))
            let screen = Screen.render(s).text()
            for binding in s.keymap.bindings(for: pane.context) {
                #expect(screen.contains(binding.action.rawValue), "\(binding.action) is not named in the palette")
                // ...and that name is accepted by keymap.json.
                let json = #"{"\#(pane.context.rawValue)": {"\#(binding.action.rawValue)": ["C-x"]}}"#
                #expect(throws: Never.self) { _ = try KeymapFile.load(Data(json.utf8)) }
            }
        }
    }

    @Test func anUnknownActionListsTheValidNames() {
        do {
            _ = try KeymapFile.load(Data(#"{"inbox": {"mark handled": ["x"]}}"#.utf8))
            Issue.record("an unknown action was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("'mark handled'"))
            for name in ["markHandled", "hideSpam", "approve", "quit", "palette"] { #expect(text.contains(name)) }
        }
    }

    @Test func aKeyBoundToTwoActionsInOnePaneIsReported() {
        do {
            _ = try KeymapFile.load(Data(#"{"inbox": {"markHandled": ["s"]}}"#.utf8))
            Issue.record("s for both markHandled and hideSpam was accepted")
        } catch {
            #expect("\(error)".contains("s is bound to both"))
            #expect("\(error)".contains("markHandled") && "\(error)".contains("hideSpam"))
        }
        do {
            _ = try KeymapFile.load(Data(#"{"global": {"quit": ["d"]}}"#.utf8))
            Issue.record("a global key hidden by the inbox's d was accepted")
        } catch {
            #expect("\(error)".contains("d is bound to both"))
        }
    }

    @Test func theStandardKeymapHasNoConflicts() {
        #expect(KeymapFile.conflicts(in: .standard).isEmpty)
    }

    @Test func theHeaderSaysWhoYouAre() {
        let header = Screen.render(state(as: "ben")).lines()[0]
        #expect(header.contains("ben · staff"))
        #expect(header.contains("Test Libraries"))
        let wide = Screen.render(state(as: "ben", size: Size(width: 120, height: 30))).lines()[0]
        #expect(wide.contains("ben · staff · Northgate"))
    }

    @Test func aLongOrganisationIsCutWithAnEllipsisNotMidWord() {
        var ws = Fixture.workspace()
        ws.config.organisation = "Harbourside and Northern Counties Libraries and Archives"
        let header = Screen.render(state(ws: ws)).lines()[0]
        #expect(header.contains("…"))
        #expect(header.contains("aisha · staff"))
    }
}
