import EarshotCore
import Foundation

/// The report's charts as inline SVG: drawn from numbers only, labels escaped.
enum ReportSVG {
    /// Arrivals per day as columns, with the first of each week labelled.
    static func days(_ perDay: [(key: String, count: Int)]) -> String {
        let width = 680.0, height = 150.0, bottom = 20.0
        let top = Double(max(1, perDay.map(\.count).max() ?? 1))
        let step = min(40, width / Double(max(1, perDay.count)))
        var out = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Arrivals per day\"><title>Arrivals per day</title>"
        for (i, day) in perDay.enumerated() {
            let h = (height - bottom - 10) * Double(day.count) / top
            let x = Double(i) * step
            out += "<rect x=\"\(f(x + 1))\" y=\"\(f(height - bottom - h))\" width=\"\(f(max(1, step - 2)))\" height=\"\(f(h))\" fill=\"#2b5c8a\"><title>\(ReportHTML.h(day.key)): \(day.count)</title></rect>"
            if i % 7 == 0 {
                out += "<text x=\"\(f(x + 1))\" y=\"\(f(height - 5))\" font-size=\"10\">\(ReportHTML.h(String(day.key.suffix(5))))</text>"
            }
        }
        out += "<text x=\"\(f(width))\" y=\"10\" font-size=\"10\" text-anchor=\"end\">max \(Int(top)) a day</text>"
        return out + "</svg>"
    }


    /// A 7 × 24 grid: darker is busier.
    static func heat(_ grid: [[Int]]) -> String {
        let cell = 24.0, left = 34.0, topPad = 14.0
        let top = Double(max(1, grid.joined().max() ?? 1))
        var out = "<svg viewBox=\"0 0 \(Int(left + cell * 24)) \(Int(topPad + cell * 7 + 2))\" role=\"img\" aria-label=\"Arrivals per hour of the week\"><title>Arrivals per hour of the week</title>"
        for hour in stride(from: 0, to: 24, by: 3) {
            out += "<text x=\"\(f(left + Double(hour) * cell + 2))\" y=\"10\" font-size=\"9\">\(String(format: "%02d", hour))</text>"
        }
        for (d, hours) in grid.enumerated() {
            let y = topPad + Double(d) * cell
            out += "<text x=\"0\" y=\"\(f(y + cell * 0.65))\" font-size=\"10\">\(Report.weekdays[d])</text>"
            for (hour, n) in hours.enumerated() {
                let shade = n == 0 ? 0.04 : 0.15 + 0.85 * Double(n) / top
                out += "<rect x=\"\(f(left + Double(hour) * cell))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(cell - 1))\" fill=\"#2b5c8a\" fill-opacity=\"\(f(shade))\"><title>\(Report.weekdays[d]) \(hour):00 \(n)</title></rect>"
            }
        }
        return out + "</svg>"
    }

    /// Labelled horizontal bars.
    static func bars(_ rows: [(String, Int)], label: String) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>" }
        let row = 20.0, labelWidth = 190.0, width = 680.0
        let top = Double(max(1, rows.map(\.1).max() ?? 1))
        var out = "<svg viewBox=\"0 0 \(Int(width)) \(Int(row * Double(rows.count) + 4))\" role=\"img\" aria-label=\"\(ReportHTML.h(label))\"><title>\(ReportHTML.h(label))</title>"
        for (i, (name, n)) in rows.enumerated() {
            let y = Double(i) * row + 2
            let w = (width - labelWidth - 50) * Double(n) / top
            out += "<text x=\"0\" y=\"\(f(y + 13))\" font-size=\"11\">\(ReportHTML.h(name))</text>"
            out += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 2))\" width=\"\(f(w))\" height=\"\(f(row - 6))\" fill=\"#2b5c8a\"></rect>"
            out += "<text x=\"\(f(labelWidth + w + 4))\" y=\"\(f(y + 13))\" font-size=\"11\">\(n)</text>"
        }
        return out + "</svg>"
    }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
