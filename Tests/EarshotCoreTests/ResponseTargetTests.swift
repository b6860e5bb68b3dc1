import EarshotCore
import Foundation
import Testing

/// First-reply targets counted in opening hours: due dates, states, time left.
@Suite struct ResponseTargetTests {
    let cal = Week.london
    let weekdays = Week.weekdays
    func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> Date { Week.at(y, mo, d, h, mi) }

    func due(_ received: Date, _ minutes: Int, _ hours: OpeningHours?) -> Date {
        ResponseTarget.due(received: received, targetMinutes: minutes, hours: hours, calendar: cal)
    }

    @Test func fridayLateIsDueMondayMorningNotFridayEvening() {
        #expect(due(at(2026, 11, 27, 16, 45), 30, weekdays) == at(2026, 11, 30, 9, 15))
    }

    @Test func weekendArrivalCountsFromMondayOpening() {
        #expect(due(at(2026, 11, 28, 11), 30, weekdays) == at(2026, 11, 30, 9, 30))
        #expect(due(at(2026, 11, 29, 23, 59), 30, weekdays) == at(2026, 11, 30, 9, 30))
    }

    @Test func bankHolidayMondayPushesToTuesday() {
        let hours = OpeningHours(weekly: weekdays.weekly, closed: ["2026-08-31"])
        #expect(due(at(2026, 8, 28, 16, 45), 30, hours) == at(2026, 9, 1, 9, 15))
        #expect(due(at(2026, 8, 31, 10), 30, hours) == at(2026, 9, 1, 9, 30))
    }

    @Test func midRangeBeforeOpeningAndExactlyAtClosing() {
        #expect(due(at(2026, 11, 25, 10), 120, weekdays) == at(2026, 11, 25, 12))
        #expect(due(at(2026, 11, 25, 7), 30, weekdays) == at(2026, 11, 25, 9, 30))
        // Fits the day exactly: due at closing, not at next opening.
        #expect(due(at(2026, 11, 27, 16, 30), 30, weekdays) == at(2026, 11, 27, 17))
        // Two full days of open time.
        #expect(due(at(2026, 11, 23, 9), 16 * 60, weekdays) == at(2026, 11, 24, 17))
    }

    @Test func lunchClosureIsSkipped() {
        let hours = OpeningHours(weekly: ["wed": ["09:00-12:30", "13:30-17:00"]])
        #expect(due(at(2026, 11, 25, 12), 60, hours) == at(2026, 11, 25, 14))
        #expect(due(at(2026, 11, 25, 12, 45), 30, hours) == at(2026, 11, 25, 14))
    }

    @Test func daylightSavingWeeksInLondon() {
        let utc = { (s: TimeInterval) in Date(timeIntervalSince1970: s) }
        // Spring: Friday 27 Mar 16:45 GMT; Monday 30 Mar 09:15 BST is 08:15 UTC.
        #expect(due(at(2026, 3, 27, 16, 45), 30, weekdays) == utc(1_774_858_500))
        // Autumn: Friday 23 Oct 16:45 BST; Monday 26 Oct 09:15 GMT is 09:15 UTC.
        #expect(due(at(2026, 10, 23, 16, 45), 30, weekdays) == utc(1_793_006_100))
        // Open through the change itself: Sat 10–17, Sun 10–16 on 28–29 March.
        let weekend = OpeningHours(weekly: ["sat": ["10:00-17:00"], "sun": ["10:00-16:00"]])
        #expect(due(at(2026, 3, 28, 16, 50), 60, weekend) == at(2026, 3, 29, 10, 50))
        #expect(due(at(2026, 10, 24, 16, 50), 60, weekend) == at(2026, 10, 25, 10, 50))
    }

    @Test func withoutHoursCountClockTime() {
        let received = at(2026, 11, 27, 16, 45)
        #expect(due(received, 30, nil) == at(2026, 11, 27, 17, 15))
        #expect(due(received, 30, OpeningHours(weekly: [:])) == at(2026, 11, 27, 17, 15))
        #expect(due(received, 30, OpeningHours(weekly: ["mon": ["garbage"]])) == at(2026, 11, 27, 17, 15))
    }

    @Test func zeroOrNegativeTargetsAreDueOnArrival() {
        let received = at(2026, 11, 28, 11)
        #expect(due(received, 0, weekdays) == received)
        #expect(due(received, -5, weekdays) == received)
    }

    @Test func aBranchThatNeverOpensAgainFallsBackToClockTime() {
        // Every date for well over a year is a closure: the search stops and does not hang.
        let start = at(2026, 1, 1, 12)
        let closed = (0..<460).map { Rollups.dayKey(cal.date(byAdding: .day, value: $0, to: start)!, calendar: cal) }
        let hours = OpeningHours(weekly: weekdays.weekly, closed: closed)
        #expect(due(start, 30, hours) == start.addingTimeInterval(1800))
        #expect(hours.nextOpening(after: start, calendar: cal) == nil)
        // A target longer than the search window also ends.
        #expect(due(start, 1_000_000, weekdays) > start)
    }

    @Test func statesCountOpenTimeLeft() {
        let dueAt = at(2026, 11, 30, 9, 15)  // 30-minute target from Friday 16:45
        func state(_ now: Date) -> DueState {
            ResponseTarget.state(due: dueAt, targetMinutes: 30, now: now, hours: weekdays, calendar: cal)
        }
        // 25% of 30 minutes is 7.5: due soon once fewer open minutes remain.
        #expect(state(at(2026, 11, 27, 16, 45)) == .onTrack)
        #expect(state(at(2026, 11, 27, 16, 59)) == .onTrack)  // 1 + 15 left
        #expect(state(at(2026, 11, 28, 12)) == .onTrack)  // 15 left over the weekend
        #expect(state(at(2026, 11, 30, 9, 7)) == .onTrack)  // 8 left
        #expect(state(at(2026, 11, 30, 9, 8)) == .dueSoon)  // 7 left
        #expect(state(at(2026, 11, 30, 9, 15)) == .dueSoon)
        #expect(state(at(2026, 11, 30, 9, 16)) == .overdue)
    }

    @Test func stateWithoutHoursUsesClockTime() {
        let dueAt = at(2026, 11, 28, 12)
        func state(_ now: Date) -> DueState {
            ResponseTarget.state(due: dueAt, targetMinutes: 60, now: now, hours: nil, calendar: cal)
        }
        #expect(state(at(2026, 11, 28, 11, 40)) == .onTrack)
        #expect(state(at(2026, 11, 28, 11, 50)) == .dueSoon)
        #expect(state(at(2026, 11, 28, 12, 1)) == .overdue)
        #expect(ResponseTarget.state(due: dueAt, targetMinutes: 0, now: at(2026, 11, 28, 11), hours: nil, calendar: cal) == .dueSoon)
    }

    @Test func remainingIsOpenMinutesAndNegativeWhenLate() {
        func left(_ dueAt: Date, _ now: Date, _ hours: OpeningHours? = Week.weekdays) -> Int {
            ResponseTarget.remaining(due: dueAt, now: now, hours: hours, calendar: cal)
        }
        let monday = at(2026, 11, 30, 9, 15)
        #expect(left(monday, at(2026, 11, 27, 16, 50)) == 25)
        #expect(left(monday, at(2026, 11, 28, 12)) == 15)
        #expect(left(monday, monday) == 0)
        #expect(left(monday, at(2026, 11, 30, 9, 20)) == -5)
        // Late since Friday's closing, looked at on Saturday: no open time passed, still late.
        let friday = at(2026, 11, 27, 17)
        #expect(left(friday, at(2026, 11, 28, 12)) == -1)
        #expect(left(friday, at(2026, 11, 30, 9, 30)) == -30)
        // Clock time, rounded up.
        #expect(left(friday, friday.addingTimeInterval(-90), nil) == 2)
        // Years late: finite and quick.
        #expect(left(at(2024, 1, 1, 10), at(2026, 11, 27, 12)) < -100_000)
    }
}
