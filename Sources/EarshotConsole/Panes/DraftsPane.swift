import EarshotCore
import Foundation
import Terminal

/// Drafts on their way to the public: those awaiting approval first, longest wait first.
enum DraftsPane {
    static func title(_ state: AppState) -> Line {
        let filtered = state.draftFilter.map { " \(state.glyphs.dot) filter: \($0.text)" } ?? ""
        return [Span("2 Drafts awaiting approval", state.focus == .drafts ? .paneTitleFocused : .paneTitle),
                Span("  \(state.summary.awaitingApproval) waiting \(state.glyphs.dot) \(state.draftOrder.count) drafts\(filtered)", .dim)]
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        for row in 0..<rect.height {
            let i = state.drafts.offset + row
            guard i < state.draftOrder.count, let draft = state.workspace.drafts[state.draftOrder[i]] else { break }
            let selected = i == state.drafts.index
            let rowRect = Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1)
            let base: Theme.Role? = selected ? (state.focus == .drafts ? .rowSelected : .rowSelectedUnfocused) : nil
            canvas.draw(self.row(draft, state: state, width: rect.width, selected: selected), in: rowRect, base: base)
            if let base { canvas.frame.restyle(rowRect, style: canvas.theme[base]) }
        }
        if state.draftOrder.isEmpty {
            canvas.draw([Span("No drafts yet.", .dim)], in: rect)
        }
    }

    /// age │ author │ branch │ channels │ state │ first line …
    static func row(_ draft: Draft, state: AppState, width: Int, selected: Bool) -> Line {
        let g = state.glyphs
        let ws = state.workspace
        let since = draft.state == .submitted ? (draft.submittedAt ?? draft.createdAt) : (draft.changedAt ?? draft.createdAt)
        let branch = ws.config.branch(draft.branch)?.name.replacingOccurrences(of: " Library", with: "") ?? "—"
        let channels = draft.channels.map(\.shortName).joined(separator: " ")
        let authorWidth = 8
        let branchWidth = 9
        let channelWidth = width >= 100 ? 20 : 14
        let stateWidth = width >= 100 ? 30 : 26
        let fixed = 2 + 4 + 1 + authorWidth + 1 + branchWidth + 1 + channelWidth + 1 + stateWidth + 1
        return [
            Span((selected ? g.pointer : " ") + " "),
            Span(Column.fit(Age.short(from: since, to: state.now), 4, ellipsis: g.ellipsis), .dim),
            Span(" "),
            Span(Column.fit(draft.author, authorWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(branch, branchWidth, ellipsis: g.ellipsis), .dim),
            Span(" "),
            Span(Column.fit(channels, channelWidth, ellipsis: g.ellipsis)),
            Span(" "),
            Span(Column.fit(DraftRow.status(draft, state: state), stateWidth, ellipsis: g.ellipsis),
                 draft.deliveries.contains { $0.state == .failed } ? .stateBad : stateRole(draft.state)),
            Span(" "),
            Span(Column.fit(Column.firstLine(draft.text), max(4, width - fixed), ellipsis: g.ellipsis)),
        ]
    }

    static func stateRole(_ state: DraftState) -> Theme.Role {
        switch state {
        case .submitted: .stateWaiting
        case .approved, .scheduled, .published: .stateGood
        case .rejected, .changesRequested, .expired: .stateBad
        case .draft: .stateNeutral
        }
    }

    /// The whole draft as it will be published, its count per channel, and what reviewers said.
    static func detail(_ draft: Draft, state: AppState, width: Int) -> [Line] {
        let g = state.glyphs
        let ws = state.workspace
        let author = ws.member(draft.author)?.name ?? draft.author
        var head = "\(draft.id) \(g.dot) \(author)"
        if let branch = ws.config.branch(draft.branch) { head += " \(g.dot) \(branch.name)" }
        head += " \(g.dot) revision \(draft.current.number) \(g.dot) \(draft.state.rawValue)"
        if draft.state == .submitted, let at = draft.submittedAt { head += " \(Age.short(from: at, to: state.now)) ago" }
        var lines = wrapped(head, .paneTitle, width: width)
        lines.append(counts(draft, glyphs: g))
        lines += DeliveryLines.lines(draft, state: state, width: width)
        for finding in PostChecks.findings(for: draft.text, channels: draft.channels, images: draft.images, publishAt: draft.scheduledFor, state: state)
        where !finding.hasPrefix(g.over + " too long") {
            lines += wrapped(finding, .messageWarning, width: width)
        }
        for image in draft.images {
            lines += wrapped("image \(image.source): \(image.altText.map { "alt “\($0)”" } ?? "NO ALT TEXT")", .dim, width: width)
        }
        if let target = draft.inReplyTo, let item = ws.items[target] {
            lines += wrapped("Reply to \(item.author.displayName): \(Column.firstLine(item.text))", .dim, width: width)
        }
        if let at = draft.scheduledFor {
            lines.append([Span("Scheduled for \(DraftRow.when(at, state: state))", .dim)])
        }
        if let source = draft.copiedFrom { lines.append([Span("Copied from \(source)", .dim)]) }
        lines.append([])
        lines += wrapped(draft.text, .row, width: width)
        lines += history(draft, state: state, width: width)
        return lines
    }

    /// Every step of the draft's life, oldest first: revisions, reviews, schedule, publication.
    static func history(_ draft: Draft, state: AppState, width: Int) -> [Line] {
        let ws = state.workspace
        func name(_ login: String) -> String { ws.member(login)?.name ?? login }
        func ago(_ at: Date) -> String { "\(Age.short(from: at, to: state.now)) ago" }
        var steps: [(Date, String, Theme.Role)] = draft.revisions.map {
            ($0.at, "r\($0.number) written by \(name($0.author)), \(ago($0.at))", .dim)
        }
        for note in draft.notes {
            let verb = switch note.verdict {
            case .approved: "approved"
            case .changesRequested: "asked for changes to"
            case .rejected: "rejected"
            case .expired: "returned (expired)"
            case .blocked: "could not publish"
            case .held: "held back"
            }
            let said = note.text.isEmpty ? "" : ": \(note.text)"
            steps.append((note.at, "\(name(note.by)) \(verb) r\(note.revision), \(ago(note.at))\(said)", note.verdict == .approved ? .stateGood : .stateBad))
        }
        if let at = draft.submittedAt { steps.append((at, "submitted for approval, \(ago(at))", .dim)) }
        if let at = draft.publishedAt { steps.append((at, "published, \(ago(at)): \(draft.outbox.joined(separator: ", "))", .stateGood)) }
        let needed = ws.config.approvalsNeeded(for: draft.channels)
        var lines: [Line] = [[], [Span("History", .paneTitle),
                                  Span(needed > 1 ? "  needs \(needed) approvals; has \(draft.approvals.count)" : "", .dim)]]
        for (_, text, role) in steps.sorted(by: { $0.0 < $1.0 }) {
            lines += wrapped("\(state.glyphs.dot) \(text)", role, width: width)
        }
        return lines
    }

    static func counts(_ draft: Draft, glyphs g: Glyphs) -> Line {
        counts(text: draft.text, channels: draft.channels, glyphs: g)
    }

    /// "X 212/280 ✓  Facebook 212/63206 ✓" with any overflow marked.
    static func counts(text: String, channels: [Channel], glyphs g: Glyphs) -> Line {
        var line: Line = []
        for channel in channels {
            let n = PostLength.count(text, for: channel)
            let limit = channel.textLimit.map { "/\($0)" } ?? ""
            let over = PostLength.overflow(text, for: channel)
            if !line.isEmpty { line.append(Span("  ")) }
            if over > 0 {
                line.append(Span("\(channel.displayName) \(n)\(limit) \(g.over) \(over) over", .countOver))
            } else {
                line.append(Span("\(channel.displayName) \(n)\(limit) \(g.ok)", .countOK))
            }
        }
        return line
    }
}
