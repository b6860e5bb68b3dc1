import EarshotCore
import Foundation
import Testing

/// Due dates worked out with a shared memo of open intervals (as the console does for
/// every item at once) are the same as worked out one item at a time.
@Suite struct HoursMemoTests {
    let cal = Week.london

    @Test(arguments: [(2026, 3, 20), (2026, 10, 18), (2026, 12, 20)])
    func memoAgreesWithOneByOneAcrossClockChangesAndHolidays(y: Int, m: Int, d: Int) {
        let split = OpeningHours(
            weekly: ["mon": ["09:00-12:30", "13:30-17:00"], "tue": ["09:00-19:00"], "wed": ["22:00-24:00"],
                     "thu": ["00:00-02:00", "09:00-17:00"], "sat": ["10:00-13:00"]],
            closed: ["2026-12-25", "2026-12-26", "2027-01-01", "2026-03-30"])
        let memo = HoursMemo(calendar: cal)
        let start = Week.at(y, m, d, 0)
        var checked = 0
        // Every 37 minutes over 16 days, with targets from zero to two open days.
        for step in 0..<(16 * 24 * 60 / 37) {
            let received = start.addingTimeInterval(Double(step) * 37 * 60)
            for minutes in [0, 30, 60, 240, 1440] {
                for hours in [Week.weekdays, split] {
                    let plain = ResponseTarget.due(received: received, targetMinutes: minutes, hours: hours, calendar: cal)
                    let shared = ResponseTarget.due(received: received, targetMinutes: minutes, hours: hours, calendar: cal, memo: memo)
                    #expect(plain == shared, "received \(received), \(minutes) min")
                    let now = received.addingTimeInterval(Double(step % 7) * 3_600)
                    #expect(ResponseTarget.state(due: plain, targetMinutes: minutes, now: now, hours: hours, calendar: cal)
                        == ResponseTarget.state(due: plain, targetMinutes: minutes, now: now, hours: hours, calendar: cal, memo: memo))
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }

    @Test func changedHoursAreParsedAgain() {
        var hours = OpeningHours(weekly: [:])
        let wednesdayNoon = Week.at(2026, 11, 25, 12)
        #expect(!hours.isOpen(at: wednesdayNoon, calendar: cal))
        hours.weekly = Week.weekdays.weekly
        #expect(hours.isOpen(at: wednesdayNoon, calendar: cal))
        hours.closed = ["2026-11-25"]
        #expect(!hours.isOpen(at: wednesdayNoon, calendar: cal))
        #expect(hours != Week.weekdays)
    }
}
