import EarshotCore
import Foundation

/// What a report prints: the figures of one period and scope, with the names
/// people know things by. Authors are never in a report (the view keeps them for
/// follow-up inside the console).
public struct Report: Sendable {
    public var figures: Figures
    public var config: StoreConfig
    public var staff: [StaffMember]
    public var generatedAt: Date

    public init(figures: Figures, config: StoreConfig, staff: [StaffMember], generatedAt: Date) {
        self.figures = figures
        self.config = config
        self.staff = staff
        self.generatedAt = generatedAt
    }

    public enum Format: String, CaseIterable, Sendable { case md, csv, html }

    public func render(_ format: Format) -> String {
        switch format {
        case .md: ReportMarkdown.render(self)
        case .csv: ReportCSV.tables(self).map(\.text).joined(separator: "\n")
        case .html: ReportHTML.render(self)
        }
    }

    /// The CSV tables one by one, named for files ("volume_per_day").
    public func csvTables() -> [(name: String, text: String)] {
        ReportCSV.tables(self).map { ($0.name, $0.text) }
    }

    // MARK: Words and numbers shared by every format

    var calendar: Calendar { config.calendar }
    var scopeLabel: String { figures.scope.label(config) }
    var firstDay: String { Rollups.dayKey(figures.period.start, calendar: calendar) }
    var lastDay: String { Rollups.dayKey(figures.period.end.addingTimeInterval(-1), calendar: calendar) }
    var title: String { "How well \(config.organisation) listens" }
    var subtitle: String { "\(scopeLabel), \(firstDay) to \(lastDay)" }

    func branchName(_ id: String) -> String { config.branch(id)?.name ?? id }
    func channelName(_ key: String) -> String { Channel(rawValue: key)?.displayName ?? key }
    func officerName(_ login: String) -> String { staff.first { $0.login == login }?.name ?? login }

    static func duration(_ minutes: Int?) -> String {
        guard let m = minutes else { return "–" }
        return m < 60 ? "\(m) min" : "\(m / 60) h \(String(format: "%02d", m % 60)) min"
    }

    static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
    static func ratio(_ r: Double?) -> String { r.map { String(format: "%.1f", $0) } ?? "–" }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "up from 2.1", "down from 4.0", or what the previous period had.
    var trend: String {
        let l = figures.listening
        switch (l.ratio, l.previousRatio) {
        case let (now?, before?) where now > before: return "up from \(Self.ratio(before)) in the previous period"
        case let (now?, before?) where now < before: return "down from \(Self.ratio(before)) in the previous period"
        case (_?, _?): return "the same as in the previous period"
        default: return "previous period: \(l.previousReplies) replies, \(l.previousBroadcasts) broadcasts"
        }
    }

    /// The rows of the response table: every branch, then every channel, that had arrivals.
    var responseRows: [(group: String, name: String, row: Figures.Response)] {
        figures.responseByBranch.filter { $0.received > 0 }.map { ("branch", branchName($0.key), $0) }
            + figures.responseByChannel.filter { $0.received > 0 }.map { ("channel", channelName($0.key), $0) }
    }
}
