import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// The `L` view on the demo store: a manager picks last month and a branch.
@Suite struct AnalyticsViewTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seeds/demo")

    func demo(as login: String = "elena", size: Size, glyphs: Glyphs = .unicode) throws -> AppState {
        let copy = try DemoCopy.make(from: Self.seed)
        defer { try? FileManager.default.removeItem(at: copy) }
        let ws = try Store(at: copy).workspace
        return AppState(workspace: ws, me: ws.member(login)!, now: ws.config.demo!.clockAnchor, size: size, glyphs: glyphs)
    }

    @Test func aManagerPicksLastMonthAndTheirBranch() throws {
        var s = try demo(size: Size(width: 80, height: 24))
        _ = press(&s, .char("L"), .char("p"), .char("p"), .char("p"), .char("s"), .char("s"))
        let frame = Screen.render(s)
        assertScreen(frame, named: "analytics-last-month-northgate")
        #expect(frame.text().contains("last month · Northgate Library"))
    }

    @Test func theWholePageAtLength() throws {
        var s = try demo(size: Size(width: 100, height: 80))
        _ = press(&s, .char("L"), .char("p"), .char("p"), .char("p"))
        let frame = Screen.render(s)
        assertScreen(frame, named: "analytics-last-month-service")
        for figure in ["Volume in", "per hour of the week", "First response", "90th", "target", "Backlog", "overdue",
                       "raised", "resolved", "Approvals", "sent back", "rejected", "Listening ratio", "Top tags", "Who wrote most"] {
            #expect(frame.text().contains(figure), "\(figure)")
        }
    }

    @Test func withoutUnicodeTheChartsAreAscii() throws {
        var s = try demo(size: Size(width: 80, height: 24), glyphs: .ascii)
        _ = press(&s, .char("L"), .char("p"), .char("p"), .char("p"))
        let frame = Screen.render(s)
        assertScreen(frame, named: "analytics-ascii")
        #expect(frame.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func aTypedRangeScopesAndEscapeBack() throws {
        var s = try demo(as: "ben", size: Size(width: 80, height: 24))
        _ = press(&s, .char("L"))
        guard case .analytics(let opened) = s.mode else { Issue.record("L opens the view"); return }
        #expect(opened.scope == .branch("northgate"), "staff start on their own branch")
        _ = press(&s, .char("r"))
        type(&s, "2026-10-31 2026-10-01")
        _ = press(&s, .enter)
        #expect(Screen.render(s).text().contains("write two days, first to last"))
        _ = press(&s, .escape, .char("r"))
        type(&s, "2026-10-05 2026-10-11")
        let typing = Screen.render(s)
        let row = typing.lines()[typing.cursorPoint!.y]
        #expect(row.contains("From and to (YYYY-MM-DD YYYY-MM-DD): 2026-10-05 2026-10-11_"))
        #expect(typing.cursorPoint!.x == 1 + "From and to (YYYY-MM-DD YYYY-MM-DD): 2026-10-05 2026-10-11".count, "the cursor at the insertion point")
        _ = press(&s, .enter, .char("S"), .char("S"))
        guard case .analytics(let screen) = s.mode else { Issue.record("still in the view"); return }
        #expect(screen.period == .range(from: "2026-10-05", to: "2026-10-11"))
        #expect(screen.scope == .service)
        #expect(screen.figures?.perDay.count == 7)
        #expect(Screen.render(s).text().contains("2026-10-05 to 2026-10-11 · whole service"))
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
    }

    @Test func helpAndThePaletteListTheView() throws {
        var s = try demo(size: Size(width: 80, height: 24))
        _ = press(&s, .char("?"))
        _ = press(&s, .char("G"))
        let help = s.keymap.bindings(for: .inbox).contains { $0.action == .analytics && $0.keys == [.char("L")] }
        #expect(help)
        _ = press(&s, .escape, .char(":"))
        type(&s, "analytics")
        _ = press(&s, .enter)
        if case .analytics = s.mode {} else { Issue.record("the palette opens the view") }
    }

    @Test func theFiguresFollowTheStore() throws {
        var s = try demo(size: Size(width: 80, height: 24))
        _ = press(&s, .char("L"))
        guard case .analytics(let before) = s.mode, let received = before.figures?.received else { Issue.record("open"); return }
        var ws = s.workspace
        let item = InboxItem(id: "i-new", channel: .x, platformID: "p-new", author: Author(handle: "@new", displayName: "New"),
                             text: "hello", receivedAt: s.now.addingTimeInterval(-60))
        let event = Event(seq: ws.seq + 1, at: s.now, actor: "elena", change: .received(item: item))
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
        guard case .analytics(let after) = s.mode else { Issue.record("still open"); return }
        #expect(after.figures?.received == received + 1)
    }

    @Test func scrollingStopsAtTheLastLineAndTheHintBarClaimsNoInboxKeys() throws {
        var s = try demo(size: Size(width: 80, height: 24))
        _ = press(&s, .char("L"), .char("G"))
        let bottom = Screen.render(s)
        #expect(bottom.text().contains("Who wrote most"))
        #expect(!bottom.text().contains("d done"), "inbox keys do not work here, so they are not offered")
        _ = press(&s, .char("k"))
        guard case .analytics(let screen) = s.mode else { Issue.record("open"); return }
        let up = Screen.render(s)
        #expect(screen.scroll > 0 && up.lines() != bottom.lines(), "one k moves up at once from the bottom")
    }
}
