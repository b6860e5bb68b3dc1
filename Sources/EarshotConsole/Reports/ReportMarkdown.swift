import EarshotCore
import Foundation

/// Markdown for an email: headings, short tables, every name escaped so a tag
/// cannot become a link, an image or HTML in the reader's mail client.
enum ReportMarkdown {
    static func render(_ r: Report) -> String {
        let f = r.figures
        var out: [String] = []
        out.append("# \(esc(r.title))")
        out.append("")
        out.append("**\(esc(r.subtitle))**. Times are counted in opening hours; arrivals belong to the period they arrived in.")
        out.append("")
        out.append("## Volume in")
        out.append("")
        out.append("\(f.received) comments and mentions from the public; busiest day \(busiestDay(f)).")
        out.append("")
        out += table(["Channel", "Received"], f.byChannel.map { [r.channelName($0.key), "\($0.count)"] })
        out += table(["Branch", "Received"], f.byBranch.map { [$0.key == "no branch" ? "no branch" : r.branchName($0.key), "\($0.count)"] })
        out.append("## First response")
        out.append("")
        let resp = f.response
        out.append("Median \(Report.duration(resp.medianMinutes)), 90th percentile \(Report.duration(resp.p90Minutes)); "
            + "\(resp.answered) of \(resp.received) answered; \(Report.percent(resp.withinTargetShare)) within the channel's target "
            + "(\(resp.withinTarget) of \(resp.withTarget)).")
        out.append("")
        out += table(["", "Answered", "Median", "90th percentile", "Within target"], r.responseRows.map {
            [$0.name, "\($0.row.answered) of \($0.row.received)", Report.duration($0.row.medianMinutes),
             Report.duration($0.row.p90Minutes), Report.percent($0.row.withinTargetShare)]
        })
        let b = f.backlog
        out.append("## Backlog")
        out.append("")
        out.append("At \(stamp(b.asOf, r.calendar)): \(b.open) open, \(b.overdue) overdue, oldest received \(b.oldest.map { stamp($0, r.calendar) } ?? "–"). "
            + "Escalations in the period: \(b.escalationsRaised) raised, \(b.escalationsResolved) resolved.")
        out.append("")
        out += table(["Age", "Open"], b.bands.map { [$0.key, "\($0.count)"] })
        let a = f.approvals
        out.append("## Approvals")
        out.append("")
        out.append("\(a.submissions) submitted, \(a.decided) decided; from submission to decision median \(Report.duration(a.medianMinutes)), "
            + "90th percentile \(Report.duration(a.p90Minutes)); \(Report.percent(a.sentBackShare)) sent back, \(Report.percent(a.rejectedShare)) rejected.")
        out.append("")
        out += table(["Officer", "Decisions"], a.byOfficer.map { [r.officerName($0.key), "\($0.count)"] })
        let l = f.listening
        out.append("## Listening ratio")
        out.append("")
        out.append("\(l.replies) replies to the public against \(l.broadcasts) broadcast posts: \(Report.ratio(l.ratio)) replies per post, \(r.trend).")
        out.append("")
        out.append("## Top tags")
        out.append("")
        out += table(["Tag", "Items"], f.topTags.map { [$0.key, "\($0.count)"] })
        out.append("_Generated \(stamp(r.generatedAt, r.calendar)) by earshot report._")
        return out.joined(separator: "\n") + "\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["(none)", ""] }
        let line = { (cells: [String]) in "| " + cells.map(esc).joined(separator: " | ") + " |" }
        return [line(header), "|" + header.map { _ in " --- |" }.joined()] + rows.map(line) + [""]
    }

    /// Backslash before the marks that open Markdown syntax mid-line (with `[`
    /// escaped there is no link or image), entities for HTML, and no line breaks.
    static func esc(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!":
                out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    static func busiestDay(_ f: Figures) -> String {
        guard let top = f.perDay.max(by: { ($0.count, $1.key) < ($1.count, $0.key) }), top.count > 0 else { return "none" }
        return "\(top.key) (\(top.count))"
    }

    static func stamp(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
