import EarshotCore
import Foundation

/// CSV for spreadsheets: one tidy table per metric, every row carrying its scope
/// and period so tables from several reports can be stacked.
enum ReportCSV {
    struct Table {
        var name: String
        var text: String
    }

    static func tables(_ r: Report) -> [Table] {
        let f = r.figures
        let keys = ["scope", "from", "to"]
        let lead = [r.scopeLabel, r.firstDay, r.lastDay]
        func table(_ name: String, _ header: [String], _ rows: [[String]]) -> Table {
            Table(name: name, text: ([keys + header] + rows.map { lead + $0 }).map(line).joined())
        }
        func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
        func share(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "" }
        let b = f.backlog, a = f.approvals, l = f.listening
        return [
            table("volume_per_day", ["date", "received"], f.perDay.map { [$0.key, "\($0.count)"] }),
            table("volume_per_hour", ["weekday", "hour", "received"], f.perHour.enumerated().flatMap { day, hours in
                hours.enumerated().map { [Report.weekdays[day], "\($0.offset)", "\($0.element)"] }
            }),
            table("volume_by_channel", ["channel", "received"], f.byChannel.map { [r.channelName($0.key), "\($0.count)"] }),
            table("volume_by_branch", ["branch", "received"], f.byBranch.map { [$0.key == "no branch" ? "" : r.branchName($0.key), "\($0.count)"] }),
            table("first_response", ["group", "name", "received", "answered", "median_minutes", "p90_minutes", "with_target", "within_target", "within_target_share"],
                  ([("all", r.scopeLabel, f.response)] + r.responseRows).map { g in
                      [g.0, g.1, "\(g.2.received)", "\(g.2.answered)", n(g.2.medianMinutes), n(g.2.p90Minutes),
                       "\(g.2.withTarget)", "\(g.2.withinTarget)", share(g.2.withinTargetShare)]
                  }),
            table("backlog", ["as_of", "open", "overdue", "oldest_received", "escalations_raised", "escalations_resolved"],
                  [[iso(b.asOf), "\(b.open)", "\(b.overdue)", b.oldest.map(iso) ?? "", "\(b.escalationsRaised)", "\(b.escalationsResolved)"]]),
            table("backlog_by_age", ["age", "open"], b.bands.map { [$0.key, "\($0.count)"] }),
            table("approvals", ["submissions", "decided", "median_minutes", "p90_minutes", "sent_back", "rejected", "sent_back_share", "rejected_share"],
                  [["\(a.submissions)", "\(a.decided)", n(a.medianMinutes), n(a.p90Minutes), "\(a.sentBack)", "\(a.rejected)",
                    share(a.sentBackShare), share(a.rejectedShare)]]),
            table("approvals_by_officer", ["officer", "decisions"], a.byOfficer.map { [r.officerName($0.key), "\($0.count)"] }),
            table("listening", ["period", "replies", "broadcasts", "replies_per_broadcast"], [
                ["this", "\(l.replies)", "\(l.broadcasts)", l.ratio.map { String(format: "%.2f", $0) } ?? ""],
                ["previous", "\(l.previousReplies)", "\(l.previousBroadcasts)", l.previousRatio.map { String(format: "%.2f", $0) } ?? ""],
            ]),
            table("top_tags", ["tag", "items"], f.topTags.map { [$0.key, "\($0.count)"] }),
        ]
    }

    /// RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @ at
    /// the start, as in a hostile tag) is written with a leading apostrophe.
    static func cell(_ text: String) -> String {
        var t = text
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(t) == nil { t = "'" + t }
        if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
