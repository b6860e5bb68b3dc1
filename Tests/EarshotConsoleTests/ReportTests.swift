import EarshotConsole
import EarshotCore
import Foundation
import TestSupport
import Testing

/// Reports print hostile names and tags as text, in every format.
@Suite struct ReportTests {
    static let hostile = ["</script><script>alert(1)</script>", "\"><svg onload=alert(2)>", "=HYPERLINK(\"http://x\")", "a|b*[c](d)"]

    func report() -> Report {
        var config = Fixture.config()
        config.organisation = "Libraries <b onmouseover=alert(3)>"
        config.branches[0].name = "Central \"</style><script>alert(4)</script>"
        var items = Fixture.workspace().items
        for (i, id) in items.keys.sorted().enumerated() {
            items[id]?.tags = [Self.hostile[i % Self.hostile.count]]
            items[id]?.branch = "central"
        }
        let ws = Workspace(config: config, staff: Fixture.staff, items: items)
        let period = DateInterval(start: Fixture.now.addingTimeInterval(-Fixture.days(30)), end: Fixture.now)
        let figures = Figures.compute(ws.ledger, config: config, period: period, scope: .service, now: Fixture.now)
        return Report(figures: figures, config: config, staff: ws.staff, generatedAt: Fixture.now)
    }

    @Test func theHTMLCarriesNoMarkupFromOutsideAndForbidsScript() {
        let html = report().render(.html)
        #expect(!html.contains("<script"), "no script element at all")
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<b onmouseover"))
        #expect(!html.contains("</style><script"))
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;svg onload=alert(2)&gt;"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 4, "days, hours, backlog and listening charts at least")
        #expect(html.contains("@page { size: A4"))
    }

    @Test func markdownEscapesWhatWouldBecomeMarkupOrTableCells() {
        let md = report().render(.md)
        #expect(!md.contains("<script") && !md.contains("<svg"))
        #expect(md.contains("a\\|b\\*\\[c\\](d)"), "a tag cannot split a table cell or make a link")
        #expect(md.contains("&lt;b onmouseover=alert(3)&gt;"))
    }

    @Test func csvQuotesAndDisarmsFormulas() {
        let tables = report().csvTables()
        #expect(tables.map(\.name).contains("top_tags"))
        let tags = tables.first { $0.name == "top_tags" }!.text
        #expect(tags.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "a formula is written as text")
        #expect(tags.hasPrefix("scope,from,to,tag,items\r\n"))
        for table in tables {
            let width = table.text.components(separatedBy: "\r\n").first!.split(separator: ",").count
            #expect(width >= 4, "\(table.name) has scope, from, to and its own columns")
        }
    }

    @Test func authorsAreNeverInAReport() {
        let r = report()
        let authors = Fixture.workspace().items.values.map(\.author.handle)
        for format in Report.Format.allCases {
            let text = r.render(format)
            for author in authors { #expect(!text.contains(author), "\(author) in \(format)") }
        }
    }
}
