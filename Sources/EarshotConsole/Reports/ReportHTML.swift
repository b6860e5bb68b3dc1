import EarshotCore
import Foundation

/// One self-contained HTML file with SVG charts, for printing on A4. It carries
/// no script and forbids any (Content-Security-Policy), and every piece of text is
/// escaped, so a hostile tag prints as the text it is.
enum ReportHTML {
    static func render(_ r: Report) -> String {
        let f = r.figures
        let resp = f.response, b = f.backlog, a = f.approvals, l = f.listening
        var body = ""
        body += "<header><h1>\(h(r.title))</h1><p class=\"sub\">\(h(r.subtitle)). Times in opening hours; arrivals belong to the period they arrived in.</p></header>\n"
        body += section("Volume in", """
            <p class="big">\(f.received) comments and mentions from the public</p>
            \(ReportSVG.days(f.perDay.map { (key: $0.key, count: $0.count) }))
            <h3>Per hour of the week</h3>
            \(ReportSVG.heat(f.perHour))
            <div class="cols">\(table(["Channel", "Received"], f.byChannel.map { [r.channelName($0.key), "\($0.count)"] }))
            \(table(["Branch", "Received"], f.byBranch.map { [$0.key == "no branch" ? "no branch" : r.branchName($0.key), "\($0.count)"] }))</div>
            """)
        body += section("First response", """
            <p class="big">Median \(h(Report.duration(resp.medianMinutes))) · 90th percentile \(h(Report.duration(resp.p90Minutes))) · \
            \(h(Report.percent(resp.withinTargetShare))) within target</p>
            <p>\(resp.answered) of \(resp.received) answered; \(resp.withinTarget) of \(resp.withTarget) answered on channels with a target met it.</p>
            \(table(["", "Answered", "Median", "90th percentile", "Within target"], r.responseRows.map {
                [$0.name, "\($0.row.answered) of \($0.row.received)", Report.duration($0.row.medianMinutes),
                 Report.duration($0.row.p90Minutes), Report.percent($0.row.withinTargetShare)]
            }))
            """)
        body += section("Backlog", """
            <p class="big">\(b.open) open · \(b.overdue) overdue</p>
            <p>At \(h(ReportMarkdown.stamp(b.asOf, r.calendar))); oldest received \(h(b.oldest.map { ReportMarkdown.stamp($0, r.calendar) } ?? "–")). \
            Escalations in the period: \(b.escalationsRaised) raised, \(b.escalationsResolved) resolved.</p>
            \(ReportSVG.bars(b.bands.map { ($0.key, $0.count) }, label: "Open items by age"))
            """)
        body += section("Approvals", """
            <p class="big">\(a.submissions) submitted · median \(h(Report.duration(a.medianMinutes))) to a decision</p>
            <p>\(a.decided) decided; 90th percentile \(h(Report.duration(a.p90Minutes))); \(h(Report.percent(a.sentBackShare))) sent back, \
            \(h(Report.percent(a.rejectedShare))) rejected.</p>
            \(ReportSVG.bars(a.byOfficer.map { (r.officerName($0.key), $0.count) }, label: "Decisions per officer"))
            """)
        body += section("Listening ratio", """
            <p class="big">\(l.ratio == nil ? "No broadcast posts" : "\(h(Report.ratio(l.ratio))) replies per broadcast post")</p>
            <p>\(l.replies) replies to the public against \(l.broadcasts) broadcast posts; \(h(r.trend)).</p>
            \(ReportSVG.bars([("Replies, this period", l.replies), ("Broadcasts, this period", l.broadcasts),
                              ("Replies, previous", l.previousReplies), ("Broadcasts, previous", l.previousBroadcasts)],
                             label: "Replies and broadcasts"))
            """)
        body += section("Top tags", table(["Tag", "Items"], f.topTags.map { [$0.key, "\($0.count)"] }))
        body += "<footer>Generated \(h(ReportMarkdown.stamp(r.generatedAt, r.calendar))) by earshot report.</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(h(r.title)): \(h(r.subtitle))</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let style = """
        @page { size: A4; margin: 14mm 14mm 16mm; }
        body { font: 10.5pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; max-width: 182mm; margin: 0 auto; }
        h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; border-bottom: 0.4mm solid #333; margin: 5mm 0 2mm; }
        h3 { font-size: 10.5pt; margin: 3mm 0 1mm; } .sub { color: #444; margin: 0; } .big { font-size: 12pt; font-weight: bold; margin: 1mm 0; }
        section { break-inside: avoid; page-break-inside: avoid; } svg { width: 100%; height: auto; display: block; }
        table { border-collapse: collapse; margin: 2mm 0; } th, td { padding: 0.6mm 3mm 0.6mm 0; text-align: left; border-bottom: 0.2mm solid #ccc; }
        td.n, th.n { text-align: right; } .cols { display: flex; gap: 12mm; } footer { color: #555; font-size: 9pt; margin-top: 6mm; }
        """

    static func section(_ title: String, _ inner: String) -> String {
        "<section><h2>\(h(title))</h2>\n\(inner)\n</section>\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>" }
        func cells(_ tag: String, _ row: [String]) -> String {
            row.enumerated().map { i, c in "<\(tag)\(i > 0 ? " class=\"n\"" : "")>\(h(c))</\(tag)>" }.joined()
        }
        return "<table><thead><tr>\(cells("th", header))</tr></thead><tbody>"
            + rows.map { "<tr>\(cells("td", $0))</tr>" }.joined() + "</tbody></table>"
    }

    /// Text for element content and attribute values alike.
    static func h(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Controls never reach the page; they would only confuse a printer.
                if c.value < 0x20 && c != "\n" || (0x7F...0x9F).contains(c.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
