import Terminal

/// `?`: every key of the focused pane, generated from the keymap.
enum HelpOverlay {
    static func lines(_ state: AppState) -> [Line] {
        let ascii = state.glyphs.ascii
        let pane = state.helpContext == .schedule ? "Schedule" : state.helpContext == .compare ? "Compare" : state.focus == .inbox ? "Inbox" : "Drafts"
        var lines: [Line] = [[Span("Keys for the \(pane) pane, then everywhere", .overlayTitle)], []]
        for binding in state.keymap.bindings(for: state.helpContext) {
            let keys = binding.keys.map { $0.label(ascii: ascii) }.joined(separator: " ")
            lines.append([Span(TextWidth.pad(keys, to: 14), .keyHint), Span(binding.help, .overlay)])
        }
        lines.append([])
        lines.append([Span("Esc or ? closes this help.", .dim)])
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
