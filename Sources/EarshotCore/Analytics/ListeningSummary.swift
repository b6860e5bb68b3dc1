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
        (unhandled, oldestUnhandled) = Self.openItems(ws)
        (awaitingApproval, oldestAwaiting) = (0, nil)
        (handledToday, repliesThisWeek, postsThisWeek, inboundPerDay) = (0, 0, 0, [])
        countDrafts(ws)
        refresh(ws, now: now, days: days)
    }

    /// The figures that depend on the day: rollup look-ups only, no pass over the items,
    /// so the once-a-minute refresh costs the same at any size.
    public mutating func refresh(_ ws: Workspace, now: Date, days: Int = 14) {
        let calendar = ws.config.calendar
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

    /// After `events` turned `old` into `new`: only the items they touched are looked at
    /// (all of them again only when the oldest open item closed); drafts, which are few,
    /// are counted again.
    public mutating func update(from old: Workspace, to new: Workspace, events: [Event], now: Date, days: Int = 14) {
        var touched = Set<String>()
        for event in events {
            switch event.change {
            case .received(let item): touched.insert(item.id)
            case .triaged(let id, _, _), .reverted(let id, _, _, _): touched.insert(id)
            case .replyDrafted(let draft, _): if let id = draft.inReplyTo { touched.insert(id) }
            default: break
            }
        }
        var rescan = false
        for id in touched {
            let was = old.items[id].map(Self.counts) ?? false
            guard let item = new.items[id] else { continue }
            let now = Self.counts(item)
            if was == now { continue }
            if now {
                unhandled += 1
                oldestUnhandled = min(oldestUnhandled ?? item.receivedAt, item.receivedAt)
            } else {
                unhandled -= 1
                if let oldest = oldestUnhandled, item.receivedAt <= oldest { rescan = true }
            }
        }
        if rescan { (unhandled, oldestUnhandled) = Self.openItems(new) }
        countDrafts(new)
        refresh(new, now: now, days: days)
    }

    private static func counts(_ item: InboxItem) -> Bool { item.status.isOpen && !item.fromLibrary }

    private static func openItems(_ ws: Workspace) -> (Int, Date?) {
        var count = 0
        var oldest: Date?
        for item in ws.items.values where counts(item) {
            count += 1
            if oldest.map({ item.receivedAt < $0 }) ?? true { oldest = item.receivedAt }
        }
        return (count, oldest)
    }

    private mutating func countDrafts(_ ws: Workspace) {
        let waiting = ws.drafts.values.filter { $0.state.awaitsReview }
        awaitingApproval = waiting.count
        oldestAwaiting = waiting.map { $0.submittedAt ?? $0.createdAt }.min()
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
