import EarshotCore
import Foundation
import Terminal

/// The reply editor: what is being answered, the text, and its count as the platform counts it.
enum ComposerView {
    static func draw(_ state: AppState, _ composer: Composer, _ canvas: inout Canvas, _ body: Rect) -> Point {
        if let post = composer.post { return drawPost(state, composer, post, &canvas, body) }
        guard let item = state.workspace.items[composer.item] else { return Point(x: 0, y: body.y) }
        let g = state.glyphs
        canvas.draw([Span("Reply to \(item.author.displayName) on \(item.channel.displayName)", .paneTitleFocused),
                     Span(route(state, item), .dim)], in: Rect(x: 0, y: body.y, width: body.width, height: 1))
        // What is being answered: the comment it answers (the conversation so far),
        // then the comment's first lines, with "…" when there is more.
        var context: [Line] = []
        if let parentID = item.inReplyTo, let parent = state.workspace.items[parentID] {
            context.append([Span("in reply to \(parent.author.displayName): \(Column.firstLine(parent.text))", .dim)])
        }
        let quoteRows = max(1, min(4, max(2, body.height / 5)) - 1 - context.count)
        let wrappedText = TextWidth.wrap(item.text, width: body.width - 4)
        var quote = Array(wrappedText.prefix(quoteRows))
        if wrappedText.count > quote.count, let last = quote.popLast() {
            quote.append(TextWidth.truncate(last + " " + g.ellipsis, to: body.width - 4, ellipsis: g.ellipsis))
        }
        context += quote.map { [Span(g.separator + " ", .dim), Span($0, .dim)] }
        // Someone else's reply or presence gets a row of its own, never over the quote.
        let others = state.presences.filter { $0.item == item.id && $0.replying }.map(\.login)
        if let theirs = state.workspace.drafts.values
            .filter({ $0.inReplyTo == item.id && $0.author != state.me.login && $0.createdAt > composer.startedAt })
            .max(by: { $0.createdAt < $1.createdAt }) {
            // A reply someone else sent since this one was begun: shown, so it is read first.
            let who = state.workspace.member(theirs.author)?.name ?? theirs.author
            context.append([Span("\(g.over) \(who) replied meanwhile: \(Column.firstLine(theirs.text))", .messageWarning)])
        } else if !others.isEmpty {
            context.append([Span("\(g.over) \(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") replying to this too", .messageWarning)])
        }
        let contextRect = Rect(x: 1, y: body.y + 1, width: body.width - 2, height: context.count)
        canvas.draw(context, in: contextRect)
        // The editor fills the rest, less a line for the count and one for the keys.
        let top = 1 + context.count
        let editorRect = Rect(x: 1, y: body.y + top, width: body.width - 2, height: max(1, body.height - top - 2))
        canvas.fill(editorRect, .prompt)
        var frame = canvas.frame
        let drawn = composer.editor.draw(into: &frame, rect: editorRect, style: canvas.theme[.prompt], scroll: composer.scroll)
        canvas.frame = frame
        let count = PostLength.count(composer.outgoing, for: item.channel)
        let over = PostLength.overflow(composer.outgoing, for: item.channel)
        let limit = item.channel.textLimit.map { "/\($0)" } ?? ""
        let countLine: Line = over > 0
            ? [Span(" \(item.channel.displayName) \(count)\(limit) \(g.over) \(over) over ", .countOver)]
            : [Span(" \(item.channel.displayName) \(count)\(limit) \(g.ok) ", .countOK)]
        canvas.draw(countLine, in: Rect(x: 1, y: editorRect.maxY, width: body.width - 2, height: 1))
        let keys = composer.menu
            ? "y send  e edit  t saved reply  q keep & close  x discard"
            : "Esc: menu (send, templates, close)  \(g.dot) saved as you type"
        canvas.draw([Span(keys, .keyHint)], in: Rect(x: 1, y: editorRect.maxY + 1, width: body.width - 2, height: 1))
        return composer.menu ? Point(x: 1, y: editorRect.maxY + 1) : drawn.cursor
    }

    /// A post: its channels, the text, and a preview line per channel as that platform counts it.
    static func drawPost(_ state: AppState, _ composer: Composer, _ post: PostTarget, _ canvas: inout Canvas, _ body: Rect) -> Point {
        let g = state.glyphs
        let title = post.draft.map { id in "Editing \(id)" } ?? "New post"
        let when = post.scheduledFor.map { " \(g.dot) goes out " + AppState.formatLocal($0, calendar: state.workspace.config.calendar) } ?? ""
        canvas.draw([Span(title, .paneTitleFocused),
                     Span("  for \(post.channels.map(\.displayName).joined(separator: ", "))\(when)", .dim)],
                    in: Rect(x: 0, y: body.y, width: body.width, height: 1))
        // Checked at the time it would go out, as the publisher will check it.
        let findings = PostChecks.findings(for: composer.outgoing, channels: post.channels, images: post.images,
                                           publishAt: post.scheduledFor ?? state.now, state: state)
        let shown = PostChecks.window(findings, start: composer.findingsStart)
        let footer = 1 + shown.lines.count + (shown.more == nil ? 0 : 1) + 1
        let editorRect = Rect(x: 1, y: body.y + 1, width: body.width - 2, height: max(1, body.height - 1 - footer))
        canvas.fill(editorRect, .prompt)
        var frame = canvas.frame
        let drawn = composer.editor.draw(into: &frame, rect: editorRect, style: canvas.theme[.prompt], scroll: composer.scroll)
        canvas.frame = frame
        var y = editorRect.maxY
        canvas.draw(DraftsPane.counts(text: composer.outgoing, channels: post.channels, glyphs: g),
                    in: Rect(x: 1, y: y, width: body.width - 2, height: 1))
        y += 1
        for finding in shown.lines {
            canvas.draw([Span(finding, .messageWarning)], in: Rect(x: 1, y: y, width: body.width - 2, height: 1))
            y += 1
        }
        if let more = shown.more {
            canvas.draw([Span(more, .dim)], in: Rect(x: 1, y: y, width: body.width - 2, height: 1))
            y += 1
        }
        let keys = composer.menu
            ? state.keymap.bindings.filter { $0.context == .postMenu && $0.hint != nil }
                .map { "\($0.keys[0].label(ascii: g.ascii)) \($0.hint ?? "")" }.joined(separator: "  ")
            : "Esc: menu (submit, save, channels)  \(g.dot) saved as you type"
        canvas.draw([Span(keys, .keyHint)], in: Rect(x: 1, y: y, width: body.width - 2, height: 1))
        return composer.menu ? Point(x: 1, y: y) : drawn.cursor
    }

    private static func route(_ state: AppState, _ item: InboxItem) -> String {
        let direct = state.me.role != .staff || state.workspace.config.replyRoute(for: item.channel) == .direct
        return direct ? "  goes out directly" : "  goes to comms for approval first"
    }
}

/// `:` over the body: the matching actions with their keys.
enum PaletteOverlay {
    static func draw(_ state: AppState, _ palette: Palette, _ canvas: inout Canvas, _ rect: Rect) -> Point {
        canvas.fill(rect, .overlay)
        let entries = Palette.entries(state.keymap, context: state.focus.context, query: palette.query, ascii: state.glyphs.ascii)
        canvas.draw([Span(": ", .overlayTitle), Span(palette.query, .prompt)], in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
        for (i, entry) in entries.prefix(rect.height - 2).enumerated() {
            let row = Rect(x: rect.x + 1, y: rect.y + 2 + i, width: rect.width - 2, height: 1)
            // The action's name is the one keymap.json uses to rebind it.
            canvas.draw([Span(TextWidth.pad(entry.keys, to: 10), .keyHint), Span(TextWidth.pad(entry.action.rawValue, to: 16), .dim),
                         Span(entry.title, .overlay)], in: row,
                        base: i == palette.index ? .rowSelected : nil)
            if i == palette.index { canvas.frame.restyle(row, style: canvas.theme[.rowSelected]) }
        }
        if entries.isEmpty {
            canvas.draw([Span("no action matches", .dim)], in: Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: 1))
        }
        return Point(x: rect.x + 3 + TextWidth.of(palette.query), y: rect.y)
    }
}
