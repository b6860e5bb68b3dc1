import Foundation

/// The numbers of the analytics strip: how well the service is listening, now.
public struct ListeningSummary: Hashable, Sendable {
    public var unhandled: Int
    public var oldestUnhandled: Date?
    public var awaitingApproval: Int
    public var oldestAwaiting: Date?
    public var handledToday: Int
    public var repliesThisWeek: Int
    public var postsThisWeek: Int
    /// Inbound items per day, oldest first, ending today.
    public var inboundPerDay: [Int]

    public init(_ ws: Workspace, now: Date, days: Int = 14) {
        let calendar = ws.config.calendar
        let open = ws.items.values.filter { $0.status.isOpen && !$0.fromLibrary }
        unhandled = open.count
        oldestUnhandled = open.map(\.receivedAt).min()
        let waiting = ws.drafts.values.filter { $0.state.awaitsReview }
        awaitingApproval = waiting.count
        oldestAwaiting = waiting.map { $0.submittedAt ?? $0.createdAt }.min()
        let today = Rollups.dayKey(now, calendar: calendar)
        handledToday = ws.rollups.value(.handled, on: today)

        let startOfToday = calendar.startOfDay(for: now)
        func day(_ back: Int) -> String {
            Rollups.dayKey(calendar.date(byAdding: .day, value: -back, to: startOfToday) ?? startOfToday, calendar: calendar)
        }
        let week = (0..<7).map(day)
        repliesThisWeek = week.reduce(0) { $0 + ws.rollups.value(.replies, on: $1) }
        postsThisWeek = week.reduce(0) { $0 + ws.rollups.value(.posts, on: $1) }
        inboundPerDay = (0..<days).reversed().map { ws.rollups.value(.inbound, on: day($0)) }
    }
}

/// Short human ages for narrow columns: "45s", "12m", "3h", "5d", "9w".
public enum Age {
    public static func short(from date: Date, to now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return "\(s / 60)m"
        case ..<86_400: return "\(s / 3600)h"
        case ..<(86_400 * 14): return "\(s / 86_400)d"
        default: return "\(s / (86_400 * 7))w"
        }
    }
}
