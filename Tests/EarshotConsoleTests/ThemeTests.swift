@testable import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

@Suite struct ThemeTests {
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func everyBundledThemeLoadsAndStylesTheSelection(name: String) throws {
        let theme = try ThemeLoader(directories: [themes]).load(name)
        #expect(theme.name == name)
        #expect(theme[.rowSelected] != .plain, "the selected row must stand out")
        #expect(theme[.messageRefusal] != .plain)
    }

    @Test(arguments: ["light", "high-contrast"])
    func themesWithTheirOwnTextColoursSetTheBackgroundOfEveryCell(name: String) throws {
        let theme = try ThemeLoader(directories: [themes]).load(name)
        let ws = Fixture.workspace()
        for focus in [Pane.inbox, .drafts] {
            var s = AppState(workspace: ws, me: ws.member("aisha")!, now: Fixture.now, size: Size(width: 80, height: 24), theme: theme)
            s.focus = focus
            let frame = Screen.render(s)
            for y in 0..<24 {
                for x in 0..<80 {
                    #expect(frame[x, y].style.bg != .default, "\(name): cell \(x),\(y) uses the terminal's own background")
                    #expect(frame[x, y].style.fg != .default, "\(name): cell \(x),\(y) uses the terminal's own text colour")
                }
            }
        }
    }

    @Test func monochromeUsesAttributesOnlyAndMatchesTheBuiltIn() throws {
        let theme = try ThemeLoader(directories: [themes]).load("monochrome")
        for role in Theme.Role.allCases {
            #expect(theme[role].fg == .default && theme[role].bg == .default)
            #expect(theme[role] == Theme.monochrome[role], "Themes/monochrome.json and the built-in fallback differ at \(role)")
        }
    }

    @Test func anUnknownThemeListsTheAvailableOnes() {
        #expect(throws: ThemeError.self) { try ThemeLoader(directories: [themes]).load("neon") }
        do {
            _ = try ThemeLoader(directories: [themes]).load("neon")
        } catch {
            #expect("\(error)".contains("high-contrast"))
        }
    }

    @Test func aBadThemeFileNamesTheProblem() {
        let data = Data(#"{"name":"x","version":1,"styles":{"header":{"fg":300}}}"#.utf8)
        #expect(throws: ThemeError.invalid(file: "x.json", detail: "style 'header': colour 300 is not 0–255")) {
            try ThemeLoader.parse(data, file: "x.json")
        }
    }

    @Test func sparklineScalesToThePeak() {
        #expect(Glyphs.unicode.sparkline([0, 1, 2, 4, 8]) == "▁▁▂▄█")
        #expect(Glyphs.ascii.sparkline([0, 0]) == "__")
    }
}
