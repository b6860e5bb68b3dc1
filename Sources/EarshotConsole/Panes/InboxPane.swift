import EarshotCore
import Foundation
import Terminal

/// The incoming inbox: one row per comment or mention, newest first.
enum InboxPane {
    static func title(_ state: AppState) -> Line {
        let open = state.summary.unhandled
        return [Span("1 Inbox", state.focus == .inbox ? .paneTitleFocused : .paneTitle),
                Span("  \(open) open \(state.glyphs.dot) \(state.inboxOrder.count) listed", .dim)]
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        for row in 0..<rect.height {
            let i = state.inbox.offset + row
            guard i < state.inboxOrder.count, let item = state.workspace.items[state.inboxOrder[i]] else { break }
            let selected = i == state.inbox.index
            let line = self.row(item, state: state, width: rect.width, selected: selected)
            let rowRect = Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1)
            let base: Theme.Role? = selected ? (state.focus == .inbox ? .rowSelected : .rowSelectedUnfocused) : nil
            canvas.draw(line, in: rowRect, base: base)
            if selected, let base { canvas.frame.restyle(rowRect, style: canvas.theme[base]) }
        }
        if state.inboxOrder.isEmpty {
            canvas.draw([Span("Nothing in the inbox. Everyone has been heard.", .dim)], in: rect)
        }
    }

    /// age │ channel │ author │ first line … │ status │ assignee
    static func row(_ item: InboxItem, state: AppState, width: Int, selected: Bool) -> Line {
        let g = state.glyphs
        let marker = selected ? g.pointer : " "
        let statusWidth = 11
        let assigneeWidth = width >= 100 ? 10 : 7
        let authorWidth = width >= 100 ? 20 : 14
        let fixed = 2 + 4 + 1 + 4 + 1 + authorWidth + 1 + 1 + statusWidth + 1 + assigneeWidth
        let textWidth = max(4, width - fixed)
        return [
            Span(marker + " "),
            Span(Column.fit(Age.short(from: item.receivedAt, to: state.now), 4, ellipsis: g.ellipsis), .dim),
            Span(" "),
            Span(Column.fit(item.channel.shortName, 4, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(item.author.displayName, authorWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(Column.firstLine(item.text), textWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(item.status.label, statusWidth, ellipsis: g.ellipsis), statusRole(item.status)),
            Span(" "),
            Span(Column.fit(item.assignee ?? "", assigneeWidth, ellipsis: g.ellipsis), .dim),
        ]
    }

    static func statusRole(_ status: ItemStatus) -> Theme.Role {
        switch status {
        case .new: .statusNew
        case .needsReply: .statusNeedsReply
        case .escalated: .statusEscalated
        case .replied, .handled, .hidden: .statusClosed
        }
    }

    /// The whole item: who, where, when, status, then the text wrapped to `width`.
    static func detail(_ item: InboxItem, state: AppState, width: Int) -> [Line] {
        let g = state.glyphs
        let ws = state.workspace
        let age = Age.short(from: item.receivedAt, to: state.now)
        var lines: [Line] = []
        var head = "\(item.channel.displayName) \(g.dot) \(item.author.displayName) (\(item.author.handle)) \(g.dot) \(age) ago"
        if let branch = ws.config.branch(item.branch) { head += " \(g.dot) \(branch.name)" }
        lines += wrapped(head, .paneTitle, width: width)
        var facts: Line = [Span("Status: "), Span(item.status.label, statusRole(item.status))]
        facts.append(Span("  Assigned: \(item.assignee ?? "nobody")"))
        if !item.tags.isEmpty { facts.append(Span("  Tags: \(item.tags.joined(separator: ", "))")) }
        lines.append(facts)
        if let parentID = item.inReplyTo, let parent = ws.items[parentID] {
            let who = parent.fromLibrary ? "the library" : parent.author.displayName
            lines += wrapped("In reply to \(who): \(Column.firstLine(parent.text))", .dim, width: width)
        }
        if let by = item.changedBy, let at = item.changedAt {
            lines.append([Span("Last changed by \(ws.member(by)?.name ?? by), \(Age.short(from: at, to: state.now)) ago", .dim)])
        }
        lines.append([])
        lines += wrapped(item.text, .row, width: width)
        return lines
    }
}
