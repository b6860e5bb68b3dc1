import Terminal

/// `?`: every key of the focused pane, generated from the keymap.
enum HelpOverlay {
    static func lines(_ state: AppState) -> [Line] {
        let ascii = state.glyphs.ascii
        let pane = state.helpContext == .schedule ? "Schedule" : state.helpContext == .compare ? "Compare" : state.focus == .inbox ? "Inbox" : "Drafts"
        var lines: [Line] = [[Span("Keys for the \(pane) pane, then everywhere", .overlayTitle)], []]
        let views = state.savedViews
        for binding in state.keymap.bindings(for: state.helpContext) {
            var help = binding.help
            // Saved views by their names, and only those that exist.
            if let n = Action.views.firstIndex(of: binding.action) {
                guard views.indices.contains(n) else { continue }
                help = "saved view: \(views[n].name)"
            }
            let keys = binding.keys.map { $0.label(ascii: ascii) }.joined(separator: " ")
            lines.append([Span(TextWidth.pad(keys, to: 14), .keyHint), Span(help, .overlay)])
        }
        let g = state.glyphs
        lines.append([])
        lines.append([Span("What the marks mean", .overlayTitle)])
        for (mark, meaning) in [
            ("!", "after an age: past its reply target"), (g.viewing, "a colleague is looking at it"),
            (g.replying, "a colleague is replying to it"), (g.selected, "selected for a bulk action"),
            (g.library, "the library's own post in a conversation"), (g.pointer, "the row you are on"),
        ] {
            lines.append([Span(TextWidth.pad(mark, to: 14), .keyHint), Span(meaning, .overlay)])
        }
        lines.append([])
        lines.append([Span("j k, PgDn PgUp, g G scroll; Esc or ? closes this help.", .dim)])
        return lines
    }

    static func draw(_ state: AppState, _ canvas: inout Canvas, _ rect: Rect, scroll: Int) -> Point {
        canvas.fill(rect, .overlay)
        let all = lines(state)
        let first = max(0, min(scroll, all.count - rect.height))
        canvas.draw(all, in: Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: rect.height), from: first)
        return Point(x: rect.x + 2, y: rect.y)
    }
}
