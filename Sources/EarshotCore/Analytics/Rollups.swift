import Foundation

/// Per-day counters kept in the snapshot, so analytics never read raw history.
/// Days are keyed "YYYY-MM-DD" in the store's calendar.
public struct Rollups: Codable, Hashable, Sendable {
    public enum Counter: String, Sendable {
        case inbound, handled, replies, posts
    }

    public var inbound: [String: Int] = [:]
    public var handled: [String: Int] = [:]
    public var replies: [String: Int] = [:]
    public var posts: [String: Int] = [:]

    public init() {}

    public mutating func count(_ counter: Counter, at date: Date, calendar: Calendar, by n: Int = 1) {
        let key = Self.dayKey(date, calendar: calendar)
        // Counters never go below zero, whatever order undos arrive in.
        switch counter {
        case .inbound: inbound[key] = max(0, inbound[key, default: 0] + n)
        case .handled: handled[key] = max(0, handled[key, default: 0] + n)
        case .replies: replies[key] = max(0, replies[key, default: 0] + n)
        case .posts: posts[key] = max(0, posts[key, default: 0] + n)
        }
    }

    public func value(_ counter: Counter, on day: String) -> Int {
        switch counter {
        case .inbound: inbound[day] ?? 0
        case .handled: handled[day] ?? 0
        case .replies: replies[day] ?? 0
        case .posts: posts[day] ?? 0
        }
    }

    public static func dayKey(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Best reconstruction from current state alone, for stores written without
    /// rollups (hand-made seeds) and for `fsck`: a closed item counts as handled
    /// on the day it last changed.
    public static func rebuild(
        items: some Sequence<InboxItem>, drafts: some Sequence<Draft>, calendar: Calendar
    ) -> Rollups {
        var r = Rollups()
        for item in items where !item.fromLibrary {
            r.count(.inbound, at: item.receivedAt, calendar: calendar)
            if !item.status.isOpen {
                r.count(.handled, at: item.changedAt ?? item.receivedAt, calendar: calendar)
            }
            if item.status == .replied {
                r.count(.replies, at: item.changedAt ?? item.receivedAt, calendar: calendar)
            }
        }
        for draft in drafts where draft.state == .published {
            let at = draft.publishedAt ?? draft.changedAt ?? draft.createdAt
            r.count(draft.isReply ? .replies : .posts, at: at, calendar: calendar)
        }
        return r
    }
}
