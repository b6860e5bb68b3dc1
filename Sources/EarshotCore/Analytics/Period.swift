import Foundation

/// The stretch of time a figure covers, chosen the way a manager says it.
public enum PeriodChoice: Hashable, Sendable {
    case thisWeek, lastWeek, thisMonth, lastMonth, last30Days
    /// Whole days from `from` to `to`, both included, as "YYYY-MM-DD" in the store's calendar.
    case range(from: String, to: String)

    /// The presets in the order the view cycles through them.
    public static let presets: [PeriodChoice] = [.thisWeek, .lastWeek, .thisMonth, .lastMonth, .last30Days]

    public var label: String {
        switch self {
        case .thisWeek: "this week"
        case .lastWeek: "last week"
        case .thisMonth: "this month"
        case .lastMonth: "last month"
        case .last30Days: "last 30 days"
        case .range(let from, let to): "\(from) to \(to)"
        }
    }

    /// The half-open interval [start, end) in the store's calendar; nil for a range
    /// whose dates do not parse or run backwards.
    public func interval(now: Date, calendar: Calendar) -> DateInterval? {
        let today = calendar.startOfDay(for: now)
        func add(_ c: Calendar.Component, _ n: Int, to d: Date) -> Date { calendar.date(byAdding: c, value: n, to: d) ?? d }
        let week = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? today
        let month = calendar.dateInterval(of: .month, for: now)?.start ?? today
        switch self {
        case .thisWeek: return DateInterval(start: week, end: add(.day, 7, to: week))
        case .lastWeek: return DateInterval(start: add(.day, -7, to: week), end: week)
        case .thisMonth: return DateInterval(start: month, end: add(.month, 1, to: month))
        case .lastMonth: return DateInterval(start: add(.month, -1, to: month), end: month)
        case .last30Days: return DateInterval(start: add(.day, -29, to: today), end: add(.day, 1, to: today))
        case .range(let from, let to):
            guard let a = Self.day(from, calendar: calendar), let b = Self.day(to, calendar: calendar), a <= b else { return nil }
            return DateInterval(start: a, end: add(.day, 1, to: b))
        }
    }

    /// Midnight of "YYYY-MM-DD" in the calendar's time zone.
    public static func day(_ text: String, calendar: Calendar) -> Date? {
        guard let c = OpeningHours.parseDate(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day))
    }

    /// The stretch of equal length just before `interval`, for trends.
    public static func previous(_ interval: DateInterval) -> DateInterval {
        DateInterval(start: interval.start.addingTimeInterval(-interval.duration), end: interval.start)
    }
}

/// Whose figures: the whole service, one branch, or one channel.
public enum Scope: Hashable, Sendable {
    case service
    case branch(String)
    case channel(Channel)

    public func label(_ config: StoreConfig) -> String {
        switch self {
        case .service: "whole service"
        case .branch(let id): config.branch(id)?.name ?? id
        case .channel(let c): c.displayName
        }
    }

    /// The scopes the view cycles through: service, each branch, each channel.
    public static func all(_ config: StoreConfig) -> [Scope] {
        [.service] + config.branches.map { .branch($0.id) } + config.channels.map { .channel($0.channel) }
    }

    func covers(branch: String?, channels: [Channel]) -> Bool {
        switch self {
        case .service: true
        case .branch(let id): branch == id
        case .channel(let c): channels.contains(c)
        }
    }
}
