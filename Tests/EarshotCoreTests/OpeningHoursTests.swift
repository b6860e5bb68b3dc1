import EarshotCore
import Foundation
import Testing

/// Shared calendar and hours for the schedule tests.
enum Week {
    static let london: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/London")!
        c.firstWeekday = 2
        return c
    }()

    /// A wall-clock time in London.
    static func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> Date {
        london.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi))!
    }

    static let weekdays = OpeningHours(weekly: Dictionary(uniqueKeysWithValues:
        ["mon", "tue", "wed", "thu", "fri"].map { ($0, ["09:00-17:00"]) }))
}

/// Opening hours: validation, open/closed, next opening, summary.
@Suite struct OpeningHoursTests {
    let cal = Week.london
    func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> Date { Week.at(y, mo, d, h, mi) }

    @Test func theCalendarDatesAreTheWeekdaysTheTestsAssume() {
        // 27 Nov 2026 is a Friday; 31 Aug 2026 a Monday (summer bank holiday).
        #expect(cal.component(.weekday, from: at(2026, 11, 27, 12)) == 6)
        #expect(cal.component(.weekday, from: at(2026, 8, 31, 12)) == 2)
    }

    @Test func openInsideRangesOnly() {
        let h = Week.weekdays
        #expect(h.isOpen(at: at(2026, 11, 27, 9), calendar: cal))
        #expect(h.isOpen(at: at(2026, 11, 27, 16, 59), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 11, 27, 17), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 11, 27, 8, 59), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 11, 28, 12), calendar: cal))
    }

    @Test func lunchClosure() {
        let h = OpeningHours(weekly: ["wed": ["09:00-12:30", "13:30-17:00"]])
        #expect(h.isOpen(at: at(2026, 11, 25, 12, 29), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 11, 25, 13), calendar: cal))
        #expect(h.nextOpening(after: at(2026, 11, 25, 10), calendar: cal) == at(2026, 11, 25, 13, 30))
    }

    @Test func closedDatesAndNextOpening() {
        let h = OpeningHours(weekly: Week.weekdays.weekly, closed: ["2026-08-31"])
        #expect(!h.isOpen(at: at(2026, 8, 31, 10), calendar: cal))
        #expect(h.nextOpening(after: at(2026, 8, 28, 17, 30), calendar: cal) == at(2026, 9, 1, 9))
        #expect(h.nextOpening(after: at(2026, 11, 27, 8), calendar: cal) == at(2026, 11, 27, 9))
        // Open now: the next opening is tomorrow's.
        #expect(h.nextOpening(after: at(2026, 11, 26, 9), calendar: cal) == at(2026, 11, 27, 9))
    }

    @Test func wallClockHoursHoldAcrossDaylightSaving() {
        let h = OpeningHours(weekly: ["sun": ["10:00-16:00"], "mon": ["09:00-17:00"]])
        // 29 Mar 2026: clocks go forward at 01:00 GMT; 10:00 BST is 09:00 UTC.
        let opens = h.nextOpening(after: at(2026, 3, 28, 12), calendar: cal)
        #expect(opens == Date(timeIntervalSince1970: 1_774_774_800))
        #expect(h.isOpen(at: at(2026, 3, 29, 10), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 3, 29, 9, 30), calendar: cal))
        // 25 Oct 2026: clocks go back; 10:00 GMT is 10:00 UTC.
        #expect(h.isOpen(at: at(2026, 10, 25, 10), calendar: cal))
        #expect(!h.isOpen(at: at(2026, 10, 25, 16, 30), calendar: cal))
    }

    @Test func roundTheClockAndMidnightEnds() {
        let all = OpeningHours(weekly: Dictionary(uniqueKeysWithValues:
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ($0, ["00:00-24:00"]) }))
        #expect(all.isOpen(at: at(2026, 11, 28, 23, 59), calendar: cal))
        #expect(all.nextOpening(after: at(2026, 11, 28, 12), calendar: cal) == nil)
        let late = OpeningHours(weekly: ["fri": ["18:00-24:00"]])
        #expect(late.isOpen(at: at(2026, 11, 27, 23, 59), calendar: cal))
        #expect(!late.isOpen(at: at(2026, 11, 28, 0), calendar: cal))
    }

    @Test func noUsableHoursNeverOpens() {
        for h in [OpeningHours(weekly: [:]), OpeningHours(weekly: ["mon": ["nine till five"]])] {
            #expect(!h.isOpen(at: at(2026, 11, 23, 12), calendar: cal))
            #expect(h.nextOpening(after: at(2026, 11, 23, 12), calendar: cal) == nil)
            #expect(h.summary == "Closed")
        }
    }

    @Test func validateReportsEachProblem() {
        let h = OpeningHours(
            weekly: ["mon": ["09:00-17:00"], "tue": ["9-5", "17:00-09:00", "25:00-26:00"],
                     "wed": ["09:00-13:00", "12:00-17:00"], "Thu": ["09:00–17:00"], "monday": ["09:00-17:00"],
                     "fri": ["24:00-24:00", "10:60-11:00"]],
            closed: ["2026-12-25", "2026-02-30", "25/12/2026", "2026-1-1"])
        let problems = h.validate()
        let expected = [
            "tue: '9-5' is not a range like 09:00-17:00",
            "tue: '17:00-09:00' ends before it starts",
            "tue: '25:00-26:00' is not a range like 09:00-17:00",
            "wed: '09:00-13:00' overlaps '12:00-17:00'",
            "unknown day 'monday' (use mon, tue, wed, thu, fri, sat, sun)",
            "fri: '24:00-24:00' cannot start at 24:00",
            "fri: '10:60-11:00' is not a range like 09:00-17:00",
            "closed date '2026-02-30' is not a date like 2026-12-25",
            "closed date '25/12/2026' is not a date like 2026-12-25",
            "closed date '2026-1-1' is not a date like 2026-12-25",
        ]
        for message in expected { #expect(problems.contains(message), "missing: \(message)") }
        #expect(problems.count == expected.count, "\(problems)")
        #expect(Week.weekdays.validate().isEmpty)
    }

    @Test func validateCatchesADayListedTwiceInDifferentCase() {
        let problems = OpeningHours(weekly: ["mon": ["09:00-12:00"], "Mon": ["13:00-17:00"]]).validate()
        #expect(problems == ["day 'mon' is listed twice"])
    }

    @Test func summaryGroupsConsecutiveDays() {
        #expect(Week.weekdays.summary == "Mon–Fri 9:00–17:00")
        var h = Week.weekdays
        h.weekly["sat"] = ["10:00-13:00"]
        h.weekly["wed"] = ["09:00-12:30", "13:30-19:00"]
        #expect(h.summary == "Mon–Tue 9:00–17:00, Wed 9:00–12:30 and 13:30–19:00, Thu–Fri 9:00–17:00, Sat 10:00–13:00")
        #expect(OpeningHours(weekly: ["sun": ["12:00-16:00"], "sat": ["12:00-16:00"]]).summary == "Sat–Sun 12:00–16:00")
    }

    @Test func decodesWithoutClosedDatesAndRoundTrips() throws {
        let json = Data(#"{"weekly":{"mon":["09:00-17:00"]}}"#.utf8)
        let h = try JSONDecoder().decode(OpeningHours.self, from: json)
        #expect(h.closed.isEmpty)
        #expect(h.weekly["mon"] == ["09:00-17:00"])
        let again = try JSONDecoder().decode(OpeningHours.self, from: JSONEncoder().encode(Week.weekdays))
        #expect(again == Week.weekdays)
    }
}
