import EarshotCore
import Foundation
import Terminal

/// The whole screen as a function of the state: `view(State) -> Frame`.
public enum Screen {
    public static func render(_ state: AppState) -> Frame {
        var canvas = Canvas(size: state.size, theme: state.theme)
        // Themes that set the screen's colours paint every cell, not only the text.
        canvas.fill(canvas.frame.bounds, .screen)
        let layout = Layout(size: state.size, focus: state.focus)
        guard !layout.tooSmall else {
            drawTooSmall(state, &canvas)
            return canvas.frame
        }
        drawHeader(state, &canvas, layout.header)
        canvas.draw(AnalyticsStrip.lines(state), in: Rect(x: 1, y: layout.analytics.y, width: layout.analytics.width - 1, height: 2))
        var cursor = Point(x: 0, y: layout.inboxList.y)

        switch state.mode {
        case .detail(let scroll):
            cursor = drawZoomed(state, &canvas, layout, scroll: scroll)
        case .help(let scroll):
            cursor = HelpOverlay.draw(state, &canvas, layout.body, scroll: scroll)
        case .palette(let palette):
            cursor = PaletteOverlay.draw(state, palette, &canvas, layout.body)
        case .schedule(let scroll):
            cursor = ScheduleView.draw(state, &canvas, layout.body, row: scroll)
        case .compare(let comparison):
            cursor = drawPage(CompareView.lines(state, comparison, width: layout.body.width - 2), &canvas, layout.body, scroll: 0)
        case .analytics(let screen):
            cursor = drawPage(AnalyticsView.lines(state, screen, width: layout.body.width - 2), &canvas, layout.body, scroll: screen.scroll)
            if let typing = AnalyticsView.cursor(screen, body: layout.body) { cursor = typing }
        case .messages(let scroll):
            cursor = drawPage(MessageLog.lines(state, width: layout.body.width - 2), &canvas, layout.body, scroll: scroll)
        case .compose:
            if let composer = state.composer { cursor = ComposerView.draw(state, composer, &canvas, layout.body) }
        case .normal, .prompt:
            canvas.draw(InboxPane.title(state), in: layout.inboxTitle)
            InboxPane.draw(state, into: &canvas, rect: layout.inboxList)
            canvas.draw(DraftsPane.title(state), in: layout.draftsTitle)
            DraftsPane.draw(state, into: &canvas, rect: layout.draftsList)
            if let divider = layout.divider {
                for y in divider.y..<divider.maxY { canvas.frame.put(state.glyphs.separator, x: divider.x, y: y, style: state.theme[.dim]) }
            }
            let lines = detailLines(state, width: layout.detailBody.width)
            canvas.draw([Span(state.focus == .inbox ? "Selected comment" : "Selected draft", .paneTitle),
                         Span("  Enter opens it whole", .dim)], in: layout.detailTitle)
            canvas.draw(lines, in: layout.detailBody)
            // Screen readers follow the real cursor: leave it on the selected row.
            let (cur, list) = state.focus == .inbox ? (state.inbox, layout.inboxList) : (state.drafts, layout.draftsList)
            cursor = Point(x: list.x, y: list.y + max(0, min(cur.index - cur.offset, list.height - 1)))
        }

        // The composer shows its own keys; under a prompt, the line above it
        // carries the message (a bad filter's explanation, completions).
        if case .prompt = state.mode, let message = state.message {
            // Whole, however long: a bad filter's explanation ends with the valid values.
            let rows = TextWidth.wrap(message.text, width: max(1, layout.hints.width - 2)).suffix(5)
            for (i, row) in rows.enumerated() {
                let y = layout.hints.y - (rows.count - 1) + i
                canvas.draw([Span(" " + row, role(message.kind))], in: Rect(x: layout.hints.x, y: y, width: layout.hints.width, height: 1), base: role(message.kind))
            }
        } else if state.mode != .compose, !state.mode.isAnalytics {
            drawHints(state, &canvas, layout.hints)
        }
        if case .prompt(let prompt) = state.mode {
            cursor = drawPrompt(prompt, state, &canvas, layout.status)
        } else {
            drawStatus(state, &canvas, layout.status)
        }
        canvas.frame.cursorPoint = cursor
        return state.glyphs.ascii ? canvas.frame.asciiFolded() : canvas.frame
    }

    static func detailLines(_ state: AppState, width: Int) -> [Line] {
        if state.focus == .inbox, let item = state.selectedItem { return InboxPane.detail(item, state: state, width: width) }
        if state.focus == .drafts, let draft = state.selectedDraft { return DraftsPane.detail(draft, state: state, width: width) }
        return [[Span("Nothing selected.", .dim)]]
    }

    /// A full-body page of lines, scrolled.
    private static func drawPage(_ lines: [Line], _ canvas: inout Canvas, _ body: Rect, scroll: Int) -> Point {
        let first = max(0, min(scroll, lines.count - body.height))
        canvas.draw(lines, in: Rect(x: 1, y: body.y, width: body.width - 2, height: body.height), from: first)
        return Point(x: 1, y: body.y)
    }

    private static func drawZoomed(_ state: AppState, _ canvas: inout Canvas, _ layout: Layout, scroll: Int) -> Point {
        let body = layout.body
        let lines = detailLines(state, width: body.width - 2)
        let visible = body.height - 1
        let first = max(0, min(scroll, lines.count - visible))
        let more = lines.count > visible ? "  lines \(first + 1)–\(min(lines.count, first + visible)) of \(lines.count)" : ""
        canvas.draw([Span(state.focus == .inbox ? "Comment" : "Draft", .paneTitleFocused),
                     Span("  Esc goes back" + more, .dim)], in: Rect(x: 0, y: body.y, width: body.width, height: 1))
        canvas.draw(lines, in: Rect(x: 1, y: body.y + 1, width: body.width - 2, height: visible), from: first)
        return Point(x: 1, y: body.y + 1)
    }

    private static func drawHeader(_ state: AppState, _ canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect, .header)
        let ws = state.workspace
        // Who you are, then the time: the header says whose session this is.
        // Below 100 columns the branch is left to the status line, so the organisation fits.
        let who = rect.width >= 100 ? identityLabel(state) : "\(state.me.login) \(state.glyphs.dot) \(state.me.role.rawValue)"
        let right = who + " \(state.glyphs.dot) " + clockLabel(state.now, calendar: ws.config.calendar) + " "
        let rightWidth = TextWidth.of(right)
        let leftWidth = max(0, rect.width - rightWidth - 1)
        let left = TextWidth.truncate(" Earshot \(state.glyphs.dot) \(ws.config.organisation)", to: leftWidth, ellipsis: state.glyphs.ellipsis)
        canvas.draw([Span(left, .header)], in: Rect(x: 0, y: rect.y, width: leftWidth, height: 1))
        canvas.draw([Span(right, .header)], in: Rect(x: max(0, rect.width - rightWidth), y: rect.y, width: rightWidth, height: 1))
    }

    /// "Fri 27 Nov 15:30" in the store's time zone.
    static func clockLabel(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        return "\(days[((c.weekday ?? 1) - 1) % 7]) \(c.day ?? 1) \(months[((c.month ?? 1) - 1) % 12]) \(time)"
    }

    /// "aisha · staff · Central Library": who is acting, always in view.
    static func identityLabel(_ state: AppState) -> String {
        let branch = state.workspace.config.branch(state.me.branch).map { " \(state.glyphs.dot) \($0.name)" } ?? ""
        return "\(state.me.login) \(state.glyphs.dot) \(state.me.role.rawValue)\(branch)"
    }

    private static func drawHints(_ state: AppState, _ canvas: inout Canvas, _ rect: Rect) {
        var line: Line = []
        for binding in state.keymap.bindings(for: state.helpContext) where binding.hint != nil && binding.hintFor?.contains(state.me.role) != false {
            guard let key = binding.keys.first, let hint = binding.hint else { continue }
            line.append(Span(key.label(ascii: state.glyphs.ascii), .keyHint))
            line.append(Span(" \(hint)  ", .dim))
        }
        canvas.draw(line, in: Rect(x: 1, y: rect.y, width: rect.width - 1, height: 1))
    }

    /// The outcome of the last action on the left, who you are on the right;
    /// a long outcome takes the whole line, since it is what needs reading now.
    private static func drawStatus(_ state: AppState, _ canvas: inout Canvas, _ rect: Rect) {
        let who = " " + identityLabel(state) + " "
        let whoWidth = TextWidth.of(who)
        var room = rect
        if let message = state.message {
            let text = " " + mark(message.kind, state.glyphs) + message.text + " "
            let fits = TextWidth.of(text) <= rect.width - whoWidth - 1
            if fits { room.width = rect.width - whoWidth - 1 }
            canvas.draw([Span(text, role(message.kind))], in: room)
            if !fits { return }
        }
        let whoRect = Rect(x: max(0, rect.maxX - whoWidth), y: rect.y, width: min(whoWidth, rect.width), height: 1)
        canvas.draw([Span(who, .header)], in: whoRect, base: .header)
    }

    private static func role(_ kind: StatusMessage.Kind) -> Theme.Role {
        switch kind {
        case .info: .messageInfo
        case .success: .messageSuccess
        case .refusal: .messageRefusal
        case .warning: .messageWarning
        }
    }

    private static func mark(_ kind: StatusMessage.Kind, _ glyphs: Glyphs) -> String {
        switch kind {
        case .success: glyphs.ok + " "
        case .refusal, .warning: glyphs.over + " "
        case .info: ""
        }
    }

    private static func drawPrompt(_ prompt: Prompt, _ state: AppState, _ canvas: inout Canvas, _ rect: Rect) -> Point {
        canvas.fill(rect, .prompt)
        let label = " " + prompt.label
        let labelWidth = canvas.draw([Span(label, .prompt)], in: rect)
        let room = max(1, rect.width - labelWidth - 1)
        // Keep the insertion point in view on a long line.
        let chars = Array(prompt.text)
        var start = 0
        while TextWidth.of(String(chars[start..<prompt.cursor])) >= room { start += 1 }
        let visible = String(chars[start...])
        canvas.frame.put(visible, x: rect.x + labelWidth, y: rect.y, maxWidth: room, style: canvas.theme[.prompt])
        let cursorX = rect.x + labelWidth + TextWidth.of(String(chars[start..<prompt.cursor]))
        return Point(x: min(cursorX, rect.maxX - 1), y: rect.y)
    }

    private static func drawTooSmall(_ state: AppState, _ canvas: inout Canvas) {
        let size = state.size
        let lines = [
            "Terminal too small",
            "\(size.width)×\(size.height); Earshot needs at least \(Layout.minimum.width)×\(Layout.minimum.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, size.height / 2 - 1)
        for (i, text) in lines.enumerated() where top + i < size.height {
            let w = min(TextWidth.of(text), size.width)
            canvas.frame.put(text, x: max(0, (size.width - w) / 2), y: top + i, maxWidth: size.width,
                             style: i == 0 ? canvas.theme[.overlayTitle] : canvas.theme[.row])
        }
        canvas.frame.cursorPoint = Point(x: 0, y: min(top, max(0, size.height - 1)))
        if state.glyphs.ascii { canvas.frame = canvas.frame.asciiFolded() }
    }
}
