import EarshotCore
import Foundation
import Terminal

/// `S`: what goes out when, day by day, in the store's time zone.
enum ScheduleView {
    static func lines(_ state: AppState, width: Int) -> [Line] {
        let ws = state.workspace
        let calendar = ws.config.calendar
        let g = state.glyphs
        let due = ws.drafts.values.filter { $0.state == .approved || $0.state == .scheduled }
        let waiting = ws.drafts.values.filter { $0.state == .submitted && $0.scheduledFor != nil }
        var lines: [Line] = [[Span("Schedule", .overlayTitle), Span("  approved posts by day; Esc goes back", .dim)], []]
        let now = due.filter { $0.scheduledFor == nil }.sorted { $0.id < $1.id }
        if !now.isEmpty {
            lines.append([Span("At the next publish run", .paneTitleFocused)])
            for draft in now { lines.append(row(draft, time: "now  ", state: state, width: width)) }
            lines.append([])
        }
        let timed = (due + waiting).filter { $0.scheduledFor != nil }.sorted { ($0.scheduledFor!, $0.id) < ($1.scheduledFor!, $1.id) }
        var currentDay = ""
        for draft in timed {
            let at = draft.scheduledFor!
            let day = Screen.clockLabel(at, calendar: calendar).dropLast(6)
            if day != currentDay {
                if !currentDay.isEmpty { lines.append([]) }
                currentDay = String(day)
                lines.append([Span(String(day), .paneTitleFocused)])
            }
            let c = calendar.dateComponents([.hour, .minute], from: at)
            lines.append(row(draft, time: String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0), state: state, width: width))
        }
        if now.isEmpty && timed.isEmpty {
            lines.append([Span("Nothing approved is waiting to go out \(g.dot) approve with a or A in the drafts pane.", .dim)])
        }
        return lines
    }

    private static func row(_ draft: Draft, time: String, state: AppState, width: Int) -> Line {
        let g = state.glyphs
        let pending = draft.state == .submitted ? " (not yet approved)" : ""
        let channels = draft.channels.map(\.shortName).joined(separator: " ")
        return [
            Span("  \(time)  ", .keyHint),
            Span(TextWidth.pad(draft.id, to: 8)),
            Span(TextWidth.pad(draft.author, to: 8), .dim),
            Span(TextWidth.pad(channels, to: 14) + " "),
            Span(TextWidth.truncate(Column.firstLine(draft.text) + pending, to: max(10, width - 41), ellipsis: g.ellipsis),
                 draft.state == .submitted ? .stateWaiting : .row),
        ]
    }
}

/// `D`: two revisions of a draft, word by word: what was removed and what added.
/// Removed words are also bracketed [-so-] and added ones {+so+}, readable without colour.
enum CompareView {
    static func lines(_ state: AppState, _ c: Comparison, width: Int) -> [Line] {
        guard let draft = state.workspace.drafts[c.draft],
              let old = draft.revisions.first(where: { $0.number == c.from }),
              let new = draft.revisions.first(where: { $0.number == c.to }) else { return [] }
        let ws = state.workspace
        var lines: [Line] = [
            [Span("\(draft.id): revision \(c.from) → \(c.to)", .overlayTitle),
             Span("  [ ] older revision, { } newer, Esc back", .dim)],
            [Span("r\(c.from) by \(ws.member(old.author)?.name ?? old.author), r\(c.to) by \(ws.member(new.author)?.name ?? new.author)", .dim)],
            [],
        ]
        // Lay the spans out as wrapped text, keeping each span's style.
        var line: Line = []
        var used = 0
        func flush() {
            lines.append(line)
            line = []
            used = 0
        }
        for span in c.spans {
            let (role, open, close): (Theme.Role, String, String) = switch span.kind {
            case .same: (.row, "", "")
            case .added: (.stateGood, "{+", "+}")
            case .removed: (.countOver, "[-", "-]")
            }
            let text = open + span.text + close
            for (i, piece) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if i > 0 { flush() }
                for word in piece.split(separator: " ", omittingEmptySubsequences: false) {
                    let w = TextWidth.of(String(word))
                    if used > 0, used + w + 1 > width - 1 { flush() }
                    if used > 0 { line.append(Span(" ", role)); used += 1 }
                    line.append(Span(String(word), role))
                    used += w
                }
            }
        }
        flush()
        return lines
    }
}
