import EarshotCore
import Foundation
import Terminal

/// The incoming inbox: one row per comment or mention, newest first.
enum InboxPane {
    static func title(_ state: AppState) -> Line {
        let g = state.glyphs
        var line: Line = [Span("1 Inbox", state.focus == .inbox ? .paneTitleFocused : .paneTitle)]
        if let filter = state.filter {
            line.append(Span("  \(state.viewName ?? filter.text)", .stateWaiting))
        }
        line.append(Span("  \(state.summary.unhandled) open \(g.dot) \(state.inboxOrder.count) listed", .dim))
        if state.sortByDue { line.append(Span(" \(g.dot) by time left", .dim)) }
        if !state.selection.isEmpty { line.append(Span(" \(g.dot) \(state.selection.count) selected", .stateWaiting)) }
        return line
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
            // "Everyone has been heard" only when it is true, not when a filter hides everything.
            let text = state.filter != nil
                ? "Nothing here matches \(state.viewName ?? "the filter"); \(state.summary.unhandled) open in all. 0 shows everything."
                : state.summary.unhandled == 0 ? "Nothing in the inbox. Everyone has been heard." : "Nothing listed."
            canvas.draw([Span(text, .dim)], in: rect)
        }
    }

    /// pointer+selection │ age │ channel │ author │ #tags first line … │ status │ presence │ assignee
    static func row(_ item: InboxItem, state: AppState, width: Int, selected: Bool) -> Line {
        let g = state.glyphs
        let marker = (selected ? g.pointer : " ") + (state.selection.contains(item.id) ? g.selected : " ") + " "
        let statusWidth = 11
        let assigneeWidth = width >= 100 ? 10 : 7
        let authorWidth = width >= 100 ? 20 : 14
        let fixed = 3 + 4 + 1 + 4 + 1 + authorWidth + 1 + 1 + statusWidth + 1 + 1 + assigneeWidth
        let textWidth = max(4, width - fixed)
        let tags = item.tags.map { "#\($0)" }.joined(separator: " ")
        let tagWidth = tags.isEmpty ? 0 : min(TextWidth.of(tags) + 1, textWidth / 2)
        return [
            Span(marker),
            Span(Column.fit(Age.short(from: item.receivedAt, to: state.now) + overdueMark(item, state), 4, ellipsis: g.ellipsis), ageRole(item, state)),
            Span(" "),
            Span(Column.fit(item.channel.shortName, 4, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(item.author.displayName, authorWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(tagWidth > 0 ? Column.fit(tags, tagWidth - 1, ellipsis: g.ellipsis) + " " : "", .dim),
            Span(Column.fit(Column.firstLine(item.text), textWidth - tagWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(item.status.label, statusWidth, ellipsis: g.ellipsis), statusRole(item.status)),
            Span(presenceMark(item, state), .messageWarning),
            Span(" "),
            Span(Column.fit(item.assignee ?? "", assigneeWidth, ellipsis: g.ellipsis), .dim),
        ]
    }

    /// One column: someone else is replying (✎) or looking (◉).
    static func presenceMark(_ item: InboxItem, _ state: AppState) -> String {
        let here = state.presences.filter { $0.item == item.id }
        if here.contains(where: \.replying) { return state.glyphs.replying }
        return here.isEmpty ? " " : state.glyphs.viewing
    }

    /// "!" after the age of an item past its reply target, readable without colour.
    static func overdueMark(_ item: InboxItem, _ state: AppState) -> String {
        ageRole(item, state) == .statusEscalated ? "!" : ""
    }

    /// The age column changes style as an open item nears and passes its reply target.
    static func ageRole(_ item: InboxItem, _ state: AppState) -> Theme.Role {
        guard item.status.isOpen, let due = state.dueDate(of: item) else { return .dim }
        switch state.dueState(of: item, due: due) {
        case .onTrack: return .dim
        case .dueSoon: return .statusNeedsReply
        case .overdue: return .statusEscalated
        }
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
        // Only a colleague at work on it right now comes before the text (it is urgent
        // and short); the text comes next, so even a short detail area shows what was
        // said; facts and the conversation follow.
        for p in state.presences where p.item == item.id {
            let who = ws.member(p.login)?.name ?? p.login
            lines += wrapped("\(p.replying ? g.replying : g.viewing) \(who) is \(p.replying ? "replying to" : "looking at") this now", .messageWarning, width: width)
        }
        let thread = Conversation.thread(of: item.id, in: ws, replies: state.replies)
        lines += wrapped(item.text, .row, width: width)
        lines.append([])
        var facts: Line = [Span("Status: "), Span(item.status.label, statusRole(item.status))]
        facts.append(Span("  Assigned: \(item.assignee ?? "nobody")"))
        if !item.tags.isEmpty { facts.append(Span("  Tags: \(item.tags.joined(separator: ", "))")) }
        lines.append(facts)
        if let due = state.dueDate(of: item), item.status.isOpen {
            let when = due > state.now ? "in \(Age.short(from: state.now, to: due))" : "\(Age.short(from: due, to: state.now)) ago"
            lines += wrapped("First reply due \(when) (opening hours)", ageRole(item, state), width: width)
        }
        // The library's replies to it: where each one is, and its link once it is out.
        for reply in ws.drafts.values.filter({ $0.inReplyTo == item.id && $0.state == .published }).sorted(by: { $0.id < $1.id }) {
            for channel in reply.channels {
                let (text, role) = DeliveryLines.describe(reply.delivery(channel), state: state)
                let shown = reply.delivery(channel)?.state == .delivered ? "Reply \(reply.id) sent, " + text.dropFirst("delivered ".count) : "Reply \(reply.id): \(text)"
                lines += wrapped(shown, role, width: width)
            }
        }
        if let url = item.url {
            lines += wrapped("On \(item.channel.displayName): \(url)", .dim, width: width)
        }
        if let by = item.changedBy, let at = item.changedAt {
            lines.append([Span("Last changed by \(ws.member(by)?.name ?? by), \(Age.short(from: at, to: state.now)) ago", .dim)])
        }
        if thread.count > 1 {
            lines.append([])
            lines.append([Span("Conversation (\(thread.count) messages)", .paneTitle)])
            for entry in thread {
                let mark = entry.fromLibrary ? g.library + " " : (entry.id == item.id ? g.pointer + " " : "  ")
                let role: Theme.Role = entry.fromLibrary ? .stateGood : (entry.id == item.id ? .row : .dim)
                let who = entry.fromLibrary ? "\(entry.author) (library)" : entry.author
                let text = entry.id == item.id ? "(this comment, above)" : entry.text
                lines += wrapped("\(mark)\(who), \(Age.short(from: entry.at, to: state.now)) ago: \(text)", role, width: width)
            }
        }
        for note in item.notes {
            lines.append([])
            let who = ws.member(note.by)?.name ?? note.by
            lines += wrapped("Note by \(who), \(Age.short(from: note.at, to: state.now)) ago (internal): \(note.text)", .stateNeutral, width: width)
        }
        return lines
    }
}
