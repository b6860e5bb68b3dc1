import Foundation

/// Where an open item stands against its first-reply target.
public enum DueState: String, Sendable {
    case onTrack, dueSoon, overdue
}

/// First-reply targets counted in opening hours only: a 30-minute target on an
/// item that arrives at 16:45 on a Friday is due at 09:15 on Monday, because
/// nobody is at the desk over the weekend to answer it.
public enum ResponseTarget {
    /// When a reply to an item received at `received` falls due, counting only open time.
    /// With no hours (nil, or no usable range on any day) it counts clock time; so it
    /// does when the branch does not open within `OpeningHours.searchDays`.
    /// A `memo` shares each day's open intervals between the items of one pass.
    public static func due(received: Date, targetMinutes: Int, hours: OpeningHours?, calendar: Calendar, memo: HoursMemo? = nil) -> Date {
        guard targetMinutes > 0 else { return received }
        let seconds = Double(targetMinutes) * 60
        let clock = received.addingTimeInterval(seconds)
        guard let hours, hours.hasHours else { return clock }
        var left = seconds
        var due: Date?
        hours.forEachInterval(from: received, calendar: calendar, memo: memo) { start, end in
            let from = max(start, received)
            let available = end.timeIntervalSince(from)
            if left <= available {
                due = from.addingTimeInterval(left)
                return false
            }
            left -= available
            return true
        }
        return due ?? clock
    }

    /// onTrack, dueSoon (less than 25% of the target left, in open time), overdue
    /// (strictly after `due`). A zero target is due soon until it is overdue.
    public static func state(
        due: Date, targetMinutes: Int, now: Date, hours: OpeningHours?, calendar: Calendar, memo: HoursMemo? = nil
    ) -> DueState {
        if now > due { return .overdue }
        guard targetMinutes > 0 else { return .dueSoon }
        let left = openSeconds(from: now, to: due, hours: hours, calendar: calendar, memo: memo)
        return left * 4 < Double(targetMinutes) * 60 ? .dueSoon : .onTrack
    }

    /// Open-hours minutes left before `due`, rounded up; negative when overdue (by the
    /// open minutes since, at least -1 so an item overdue over a weekend still sorts as
    /// late). For sorting by time left. With no hours, clock minutes.
    public static func remaining(due: Date, now: Date, hours: OpeningHours?, calendar: Calendar) -> Int {
        if now > due {
            let late = openSeconds(from: due, to: now, hours: hours, calendar: calendar)
            return -max(1, Int((late / 60).rounded(.up)))
        }
        return Int((openSeconds(from: now, to: due, hours: hours, calendar: calendar) / 60).rounded(.up))
    }

    /// Open seconds between `a` and `b` (a <= b). Looks at most `searchDays` ahead,
    /// so a very old item's lateness stops growing there rather than looping.
    static func openSeconds(from a: Date, to b: Date, hours: OpeningHours?, calendar: Calendar, memo: HoursMemo? = nil) -> Double {
        guard b > a else { return 0 }
        guard let hours, hours.hasHours else { return b.timeIntervalSince(a) }
        var total = 0.0
        let days = min(OpeningHours.searchDays, Int(b.timeIntervalSince(a) / 86_400) + 2)
        hours.forEachInterval(from: a, calendar: calendar, days: days, memo: memo) { start, end in
            guard start < b else { return false }
            total += min(end, b).timeIntervalSince(max(start, a))
            return true
        }
        return total
    }
}
