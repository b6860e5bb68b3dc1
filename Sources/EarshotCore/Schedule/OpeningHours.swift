import Foundation

/// When a branch is open, in the wall-clock time of the store's calendar.
/// Stored as people write it in `store.json`; malformed entries are reported by
/// `validate()` and otherwise ignored, so one typo cannot stop the console.
public struct OpeningHours: Codable, Hashable, Sendable {
    /// "mon".."sun" -> list of "HH:MM-HH:MM" ranges (local time of the store's calendar). Missing day = closed.
    public var weekly: [String: [String]] { didSet { parse() } }
    /// ISO dates "YYYY-MM-DD" the branch is closed (bank holidays).
    public var closed: [String] { didSet { parse() } }
    /// The texts above, parsed once (not once per item or per day): usable ranges per
    /// weekday, Sunday first, and the closed dates as yyyymmdd.
    private var daySpans: [[Span]] = []
    private var closedDays: Set<Int> = []

    public init(weekly: [String: [String]], closed: [String] = []) {
        self.weekly = weekly
        self.closed = closed
        parse()
    }

    private mutating func parse() {
        daySpans = Self.dayKeys.map { Self.parseSpans(weekly, day: $0) }
        closedDays = Set(closed.compactMap { Self.parseDate($0).map { $0.year! * 10_000 + $0.month! * 100 + $0.day! } })
    }

    // Derived fields follow the texts, so hashing the texts is enough.
    public static func == (a: Self, b: Self) -> Bool { a.weekly == b.weekly && a.closed == b.closed }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(daySpans)
        hasher.combine(closedDays)
    }

    enum CodingKeys: String, CodingKey { case weekly, closed }

    // Hand-written files often leave out the holiday list.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weekly = try c.decodeIfPresent([String: [String]].self, forKey: .weekly) ?? [:]
        closed = try c.decodeIfPresent([String].self, forKey: .closed) ?? []
        parse()
    }

    /// Day keys indexed by `Calendar` weekday - 1 (Sunday first).
    static let dayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    /// The order people read a week in here: Monday first.
    static let weekOrder = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    /// How far any search looks ahead, so a branch that never opens cannot loop forever.
    public static let searchDays = 400

    /// Human messages for bad ranges, days and dates; empty when all is well.
    public func validate() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for key in weekly.keys.sorted() {
            let day = key.lowercased()
            guard Self.dayKeys.contains(day) else {
                problems.append("unknown day '\(key)' (use \(Self.weekOrder.joined(separator: ", ")))")
                continue
            }
            if !seen.insert(day).inserted { problems.append("day '\(day)' is listed twice") }
            var spans: [(Span, String)] = []
            for text in weekly[key] ?? [] {
                switch Span.parse(text) {
                case .failure(let why): problems.append("\(day): \(why)")
                case .success(let span): spans.append((span, text))
                }
            }
            spans.sort { $0.0.start < $1.0.start }
            for (a, b) in zip(spans, spans.dropFirst()) where b.0.start < a.0.end {
                problems.append("\(day): '\(a.1)' overlaps '\(b.1)'")
            }
        }
        for date in closed where Self.parseDate(date) == nil {
            problems.append("closed date '\(date)' is not a date like 2026-12-25")
        }
        return problems
    }

    public func isOpen(at date: Date, calendar: Calendar) -> Bool {
        intervals(onDayOf: date, calendar: calendar).contains { $0.start <= date && date < $0.end }
    }

    /// The start of the next open period that begins strictly after `date` (when
    /// open now, that is the next reopening, e.g. after lunch). Nil when the branch
    /// never opens again within `searchDays`, or has no hours at all.
    public func nextOpening(after date: Date, calendar: Calendar) -> Date? {
        var found: Date?
        forEachInterval(from: date, calendar: calendar) { start, _ in
            guard start > date else { return true }
            found = start
            return false
        }
        return found
    }

    /// A one-line summary for templates, e.g. "Mon–Fri 9:00–17:00, Sat 10:00–13:00".
    /// Consecutive days with the same hours are grouped; closed days are left out.
    public var summary: String {
        var groups: [(first: String, last: String, hours: String)] = []
        for day in Self.weekOrder {
            let spans = self.spans(for: day)
            guard !spans.isEmpty else { continue }
            let hours = spans.map(\.label).joined(separator: " and ")
            if let last = groups.last, last.hours == hours,
               Self.weekOrder.firstIndex(of: last.last)! + 1 == Self.weekOrder.firstIndex(of: day)! {
                groups[groups.count - 1].last = day
            } else {
                groups.append((day, day, hours))
            }
        }
        guard !groups.isEmpty else { return "Closed" }
        func title(_ day: String) -> String { day.prefix(1).uppercased() + day.dropFirst() }
        return groups.map { g in
            (g.first == g.last ? title(g.first) : "\(title(g.first))–\(title(g.last))") + " " + g.hours
        }.joined(separator: ", ")
    }

    /// True when at least one day has a usable range.
    var hasHours: Bool { daySpans.contains { !$0.isEmpty } }

    /// Valid ranges of a day, sorted and merged.
    func spans(for day: String) -> [Span] {
        Self.dayKeys.firstIndex(of: day).map { daySpans[$0] } ?? []
    }

    /// Parses a day's ranges, sorted and merged; the key is matched case-insensitively.
    private static func parseSpans(_ weekly: [String: [String]], day: String) -> [Span] {
        let texts = weekly.filter { $0.key.lowercased() == day }.flatMap(\.value)
        let sorted = texts.compactMap { try? Span.parse($0).get() }.sorted { $0.start < $1.start }
        var merged: [Span] = []
        for span in sorted {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// Open intervals of the local day containing `date`, as absolute times.
    /// Built from wall-clock components, so 09:00 stays 09:00 on DST-change days.
    func intervals(onDayOf date: Date, calendar: Calendar) -> [(start: Date, end: Date)] {
        let day = calendar.startOfDay(for: date)
        let c = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
        guard let weekday = c.weekday, let y = c.year, let m = c.month, let d = c.day,
              !closedDays.contains(y * 10_000 + m * 100 + d) else { return [] }
        func at(_ minute: Int) -> Date? {
            if minute >= 24 * 60 { return calendar.date(byAdding: .day, value: 1, to: day) }
            return calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day,
                                                      hour: minute / 60, minute: minute % 60))
        }
        return daySpans[weekday - 1].compactMap { span in
            guard let start = at(span.start), let end = at(span.end), start < end else { return nil }
            return (start, end)
        }
    }

    /// Calls `body` with each open interval that ends after `from`, in order, merging
    /// intervals that touch (a range to 24:00 and the next day's from 00:00), until
    /// `body` returns false or `searchDays` have been looked at.
    /// With a `memo`, each day's intervals are built once for all the items that ask.
    func forEachInterval(from: Date, calendar: Calendar, days: Int = searchDays, memo: HoursMemo? = nil,
                         _ body: (Date, Date) -> Bool) {
        guard hasHours else { return }
        let first = memo == nil ? calendar.startOfDay(for: from) : from
        let firstDay = memo?.dayNumber(of: from) ?? 0
        var pending: (start: Date, end: Date)?
        for offset in 0..<max(1, days) {
            let todays: [(start: Date, end: Date)]
            if let memo {
                todays = memo.intervals(self, day: firstDay + offset)
            } else {
                guard let day = calendar.date(byAdding: .day, value: offset, to: first) else { return }
                todays = intervals(onDayOf: day, calendar: calendar)
            }
            for interval in todays where interval.end > from {
                if let p = pending, interval.start <= p.end {
                    pending = (p.start, max(p.end, interval.end))
                } else {
                    if let p = pending, !body(p.start, p.end) { return }
                    pending = interval
                }
            }
        }
        if let p = pending { _ = body(p.start, p.end) }
    }

    static func parseDate(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        var c = DateComponents(year: y, month: m, day: d)
        c.calendar = Calendar(identifier: .gregorian)
        c.calendar?.timeZone = .gmt
        return c.isValidDate ? c : nil
    }
}

/// Open intervals by branch hours and local day, built once and shared by every item
/// whose reply-due date or due state is worked out in one pass (opening the console,
/// rebuilding the list). Lives for that pass only, with its calendar.
public final class HoursMemo {
    public let calendar: Calendar
    private struct Key: Hashable {
        var hours: OpeningHours
        var day: Int
    }
    private var cache: [Key: [(start: Date, end: Date)]] = [:]

    public init(calendar: Calendar) { self.calendar = calendar }

    /// Days since 1970-01-01 in the calendar's local time.
    func dayNumber(of date: Date) -> Int {
        let local = date.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: date))
        return Int((local / 86_400).rounded(.down))
    }

    func intervals(_ hours: OpeningHours, day: Int) -> [(start: Date, end: Date)] {
        let key = Key(hours: hours, day: day)
        if let known = cache[key] { return known }
        // Local noon of that day: safely inside it whatever the offset or DST does.
        let guess = Date(timeIntervalSince1970: Double(day) * 86_400 + 43_200)
        let noon = guess.addingTimeInterval(-Double(calendar.timeZone.secondsFromGMT(for: guess)))
        let found = hours.intervals(onDayOf: noon, calendar: calendar)
        cache[key] = found
        return found
    }
}

/// One opening range in minutes from local midnight; `end` may be 24:00.
struct Span: Hashable {
    var start: Int
    var end: Int

    static func parse(_ text: String) -> Result<Span, SpanError> {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }
        guard parts.count == 2, let start = minute(parts[0]), let end = minute(parts[1]) else {
            return .failure(SpanError("'\(text)' is not a range like 09:00-17:00"))
        }
        guard start < 24 * 60 else { return .failure(SpanError("'\(text)' cannot start at 24:00")) }
        guard start < end else { return .failure(SpanError("'\(text)' ends before it starts")) }
        return .success(Span(start: start, end: end))
    }

    /// "9:00" or "09:00" to minutes; "24:00" allowed (end of day).
    private static func minute(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    var label: String {
        func clock(_ m: Int) -> String { "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)" }
        return "\(clock(start))–\(clock(end))"
    }
}

struct SpanError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
