import EarshotCore
import Foundation
import Terminal

/// `L`: how well the service listens, for a period and a scope, as lines of text
/// with block-character charts (ASCII when the terminal cannot draw them).
enum AnalyticsView {
    static let rangeLabel = "From and to (YYYY-MM-DD YYYY-MM-DD): "

    /// While a range is typed the real cursor sits at the insertion point (screen readers follow it).
    static func cursor(_ screen: AnalyticsScreen, body: Rect) -> Point? {
        guard let input = screen.rangeInput else { return nil }
        return Point(x: 1 + TextWidth.of(rangeLabel) + TextWidth.of(input), y: body.y + 1)
    }

    static func lines(_ state: AppState, _ screen: AnalyticsScreen, width: Int) -> [Line] {
        let config = state.workspace.config
        var lines: [Line] = [[
            Span("Analytics", .overlayTitle),
            Span("  \(screen.period.label) \(state.glyphs.dot) \(screen.scope.label(config))", .paneTitleFocused),
        ]]
        if let input = screen.rangeInput {
            lines.append([Span(rangeLabel, .keyHint), Span(input + "_"), Span("  Enter applies, Esc cancels", .dim)])
        } else {
            lines.append(keys([("p/P", "period"), ("s/S", "scope"), ("r", "typed range"), ("j/k", "scroll"), ("Esc", "back")]))
        }
        if let problem = screen.problem { lines.append([Span(problem, .messageRefusal)]) }
        guard let f = screen.figures else {
            lines.append([Span("No figures for this period.", .dim)])
            return lines
        }
        let calendar = config.calendar
        let last = f.period.end.addingTimeInterval(-1)
        lines.append([Span("\(dayLabel(f.period.start, calendar)) to \(dayLabel(last, calendar)); opening-hours times; the previous period for trends", .dim)])
        lines.append([])
        lines += volume(f, state, width: width)
        lines += response(f, config)
        lines += backlog(f, state)
        lines += approvals(f, state, width: width)
        lines += listening(f)
        lines.append(heading("Top tags"))
        lines += indented(f.topTags.isEmpty ? "none" : f.topTags.map { "\($0.key) \($0.count)" }.joined(separator: " \(state.glyphs.dot) "), width: width)
        lines.append(heading("Who wrote most", note: "for follow-up; never in reports"))
        lines += indented(f.topAuthors.isEmpty ? "nobody" : f.topAuthors.prefix(6).map { "\($0.key) \($0.count)" }.joined(separator: " \(state.glyphs.dot) "), width: width)
        return lines
    }

    private static func volume(_ f: Figures, _ state: AppState, width: Int) -> [Line] {
        let g = state.glyphs
        var lines = [heading("Volume in", note: "\(f.received) from the public")]
        let days = f.perDay.map(\.count)
        let spark = days.count > width - 14 ? Array(days.suffix(width - 14)) : days
        lines.append([Span("  per day   "), Span(g.sparkline(spark), .sparkline), Span("  max \(days.max() ?? 0)", .dim)])
        lines.append([Span("  channels  " + f.byChannel.map { "\(Channel(rawValue: $0.key)?.shortName ?? $0.key) \($0.count)" }.joined(separator: "  "))])
        let names = state.workspace.config
        lines.append([Span("  branches  " + f.byBranch.filter { $0.count > 0 }
            .map { "\(names.branch($0.key)?.name.replacingOccurrences(of: " Library", with: "") ?? $0.key) \($0.count)" }
            .joined(separator: "  "))])
        lines.append([Span("  per hour of the week (busier is darker)", .dim)])
        let shades = g.ascii ? [" ", ".", ":", "*", "#"] : [" ", "░", "▒", "▓", "█"]
        let top = max(1, f.perHour.joined().max() ?? 1)
        lines.append([Span("       0     6     12    18    23", .dim)])
        for (i, day) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].enumerated() {
            let cells = f.perHour[i].map { n in shades[n == 0 ? 0 : 1 + min(3, (n * 4 - 1) / top)] }.joined()
            lines.append([Span("  \(day)  ", .dim), Span(cells, .keyHint), Span("  \(f.perHour[i].reduce(0, +))", .dim)])
        }
        lines.append([])
        return lines
    }

    private static func response(_ f: Figures, _ config: StoreConfig) -> [Line] {
        let r = f.response
        var lines = [heading("First response", note: "in opening hours; arrivals of the period")]
        lines.append([Span("  median \(duration(r.medianMinutes))  90th percentile \(duration(r.p90Minutes))  answered \(r.answered) of \(r.received)")])
        lines.append([Span("  within the channel's target \(percent(r.withinTargetShare)) (\(r.withinTarget) of \(r.withTarget) answered on channels with a target)")])
        lines.append([Span("  " + pad("", 12) + pad("answered", 10) + pad("median", 9) + pad("90th", 9) + "in target", .dim)])
        let rows = f.responseByBranch.map { (config.branch($0.key)?.name.replacingOccurrences(of: " Library", with: "") ?? $0.key, $0) }
            + f.responseByChannel.map { (Channel(rawValue: $0.key)?.displayName ?? $0.key, $0) }
        for (name, row) in rows where row.received > 0 {
            lines.append([Span("  " + pad(name, 12) + pad("\(row.answered)/\(row.received)", 10) + pad(duration(row.medianMinutes), 9)
                + pad(duration(row.p90Minutes), 9) + percent(row.withinTargetShare))])
        }
        lines.append([])
        return lines
    }

    private static func backlog(_ f: Figures, _ state: AppState) -> [Line] {
        let b = f.backlog
        let calendar = state.workspace.config.calendar
        var lines = [heading("Backlog", note: "at \(Screen.clockLabel(b.asOf, calendar: calendar))")]
        let oldest = b.oldest.map { Age.short(from: $0, to: b.asOf) } ?? "-"
        lines.append([Span("  open \(b.open)  overdue \(b.overdue)  oldest \(oldest)")])
        lines.append([Span("  escalations in the period: raised \(b.escalationsRaised), resolved \(b.escalationsResolved)")])
        let top = max(1, b.bands.map(\.count).max() ?? 1)
        for band in b.bands {
            lines.append([Span("  " + pad(band.key, 10), .dim), Span(bar(band.count, of: top, width: 30, state.glyphs), .keyHint), Span(" \(band.count)")])
        }
        lines.append([])
        return lines
    }

    private static func approvals(_ f: Figures, _ state: AppState, width: Int) -> [Line] {
        let a = f.approvals
        var lines = [heading("Approvals", note: "submissions of the period to their first decision")]
        lines.append([Span("  submitted \(a.submissions)  decided \(a.decided)  median wait \(duration(a.medianMinutes))  90th \(duration(a.p90Minutes))")])
        lines.append([Span("  sent back \(percent(a.sentBackShare))  rejected \(percent(a.rejectedShare))  (of decisions)")])
        let top = max(1, a.byOfficer.map(\.count).max() ?? 1)
        for officer in a.byOfficer {
            let name = state.workspace.member(officer.key)?.name ?? officer.key
            lines.append([Span("  " + pad(name, 16), .dim), Span(bar(officer.count, of: top, width: 24, state.glyphs), .keyHint), Span(" \(officer.count) decisions")])
        }
        lines.append([])
        return lines
    }

    private static func listening(_ f: Figures) -> [Line] {
        let l = f.listening
        var lines = [heading("Listening ratio", note: "replies to the public per broadcast post")]
        let trend: String
        switch (l.ratio, l.previousRatio) {
        case let (now?, before?): trend = now > before ? "up from \(ratio(before))" : now < before ? "down from \(ratio(before))" : "same as before"
        default: trend = "previous period \(l.previousReplies) replies, \(l.previousBroadcasts) posts"
        }
        lines.append([Span("  \(l.replies) replies, \(l.broadcasts) broadcasts: \(l.ratio.map(ratio) ?? "no posts")  (\(trend))")])
        lines.append([])
        return lines
    }

    // MARK: Pieces

    static func duration(_ minutes: Int?) -> String {
        guard let m = minutes else { return "-" }
        return m < 60 ? "\(m)m" : "\(m / 60)h\(String(format: "%02d", m % 60))"
    }

    static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "-" }
    static func ratio(_ r: Double) -> String { String(format: "%.1f", r) }

    private static func bar(_ n: Int, of top: Int, width: Int, _ g: Glyphs) -> String {
        let cells = n == 0 ? 0 : max(1, n * width / top)
        return String(repeating: g.ascii ? "#" : "█", count: cells)
    }

    private static func pad(_ s: String, _ w: Int) -> String { TextWidth.pad(TextWidth.truncate(s, to: w - 1, ellipsis: "."), to: w) }

    private static func indented(_ text: String, width: Int) -> [Line] {
        wrapped(text, .row, width: width - 2).map { [Span("  ")] + $0 }
    }

    private static func heading(_ title: String, note: String = "") -> Line {
        [Span(title, .paneTitleFocused), Span(note.isEmpty ? "" : "  " + note, .dim)]
    }

    private static func keys(_ pairs: [(String, String)]) -> Line {
        pairs.flatMap { [Span($0.0, .keyHint), Span(" \($0.1)  ", .dim)] }
    }

    private static func dayLabel(_ date: Date, _ calendar: Calendar) -> String {
        String(Screen.clockLabel(date, calendar: calendar).dropLast(6))
    }
}
