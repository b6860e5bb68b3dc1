import EarshotCore
import Foundation
import Terminal

/// `S`: the approved posts, what goes out when, day by day in the store's time zone;
/// a list with a cursor, acted on with its own keys.
enum ScheduleView {
    /// Approved posts in the order listed: those going out at the next run, then by time.
    static func posts(_ state: AppState) -> [Draft] {
        let due = state.workspace.drafts.values.filter { $0.state == .approved || $0.state == .scheduled }
        let now = due.filter { $0.scheduledFor == nil }.sorted { $0.id < $1.id }
        let timed = due.compactMap { d in d.scheduledFor.map { (d, $0) } }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }.map(\.0)
        return now + timed
    }

    /// The lines, and the line each post's row is on.
    static func lines(_ state: AppState, width: Int, row selected: Int) -> (lines: [Line], rows: [Int]) {
        let calendar = state.workspace.config.calendar
        let g = state.glyphs
        var lines: [Line] = [[Span("Schedule", .overlayTitle), Span("  approved posts by day, \(calendar.timeZone.identifier)", .dim)], []]
        var rows: [Int] = []
        var currentDay: String?
        for (i, draft) in posts(state).enumerated() {
            let day = draft.scheduledFor.map { String(DraftRow.short($0, state: state).split(separator: " ").prefix(3).joined(separator: " ")) + year($0, state) }
                ?? "At the next publish run"
            if day != currentDay {
                if currentDay != nil { lines.append([]) }
                currentDay = day
                lines.append([Span(day, .paneTitleFocused)])
            }
            let time = draft.scheduledFor.map { at in
                let c = calendar.dateComponents([.hour, .minute], from: at)
                return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
            } ?? "now  "
            rows.append(lines.count)
            lines.append(row(draft, time: time, state: state, width: width, selected: i == selected))
        }
        if rows.isEmpty {
            lines.append([Span("Nothing approved is waiting to go out \(g.dot) approve with a or A in the drafts pane.", .dim)])
        }
        return (lines, rows)
    }

    private static func year(_ date: Date, _ state: AppState) -> String {
        let calendar = state.workspace.config.calendar
        let y = calendar.component(.year, from: date)
        return y == calendar.component(.year, from: state.now) ? "" : " \(y)"
    }

    static func draw(_ state: AppState, _ canvas: inout Canvas, _ body: Rect, row: Int) -> Point {
        let (all, rows) = lines(state, width: body.width - 2, row: row)
        let target = rows.indices.contains(row) ? rows[row] : 0
        // Keep the selected row in view.
        let first = max(0, min(target - body.height / 2, all.count - body.height))
        let area = Rect(x: 1, y: body.y, width: body.width - 2, height: body.height)
        canvas.draw(all, in: area, from: first)
        if rows.indices.contains(row), target - first < body.height {
            let rowRect = Rect(x: 1, y: body.y + target - first, width: body.width - 2, height: 1)
            canvas.frame.restyle(rowRect, style: canvas.theme[.rowSelected])
            return Point(x: 1, y: rowRect.y)
        }
        return Point(x: 1, y: body.y)
    }

    private static func row(_ draft: Draft, time: String, state: AppState, width: Int, selected: Bool) -> Line {
        let g = state.glyphs
        let channels = draft.channels.map(\.shortName).joined(separator: " ")
        let needed = state.workspace.config.approvalsNeeded(for: draft.channels)
        return [
            Span((selected ? g.pointer : " ") + " \(time)  ", .keyHint),
            Span(TextWidth.pad(draft.id, to: 9)),
            Span(TextWidth.pad(draft.author, to: 8), .dim),
            Span(TextWidth.pad(channels, to: 14) + " "),
            Span(TextWidth.pad("\(draft.approvals.count)/\(needed)", to: 4), .dim),
            Span(TextWidth.truncate(Column.firstLine(draft.text), to: max(10, width - 47), ellipsis: g.ellipsis)),
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
            [Span("\(draft.id): revision \(c.from) → \(c.to)", .overlayTitle)],
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
