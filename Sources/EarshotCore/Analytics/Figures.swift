import Foundation

/// Every figure of the analytics view and the reports, for one period and scope.
/// A pure function of the ledger and the store's settings (`Figures.compute`).
public struct Figures: Hashable, Sendable {
    public struct Count: Hashable, Sendable {
        public var key: String
        public var count: Int
    }

    /// First-response times in opening-hours minutes (nearest-rank percentiles).
    public struct Response: Hashable, Sendable {
        public var key: String
        /// Items from the public that arrived in the period.
        public var received: Int
        /// Of those, how many have had a reply.
        public var answered: Int
        public var medianMinutes: Int?
        public var p90Minutes: Int?
        /// Answered items on channels that have a target, and how many met it.
        public var withTarget: Int
        public var withinTarget: Int

        public var withinTargetShare: Double? { withTarget == 0 ? nil : Double(withinTarget) / Double(withTarget) }
    }

    public struct Backlog: Hashable, Sendable {
        /// The moment the backlog is counted at: the end of the period, or now if sooner.
        public var asOf: Date
        public var open: Int
        /// Open items by age band, youngest first (labels in `Figures.ageBands`).
        public var bands: [Count]
        public var oldest: Date?
        public var overdue: Int
        public var escalationsRaised: Int
        public var escalationsResolved: Int
    }

    public struct Approvals: Hashable, Sendable {
        public var submissions: Int
        /// Submissions in the period that have had a decision (approve, send back, reject).
        public var decided: Int
        public var medianMinutes: Int?
        public var p90Minutes: Int?
        public var sentBack: Int
        public var rejected: Int
        /// Decisions per officer in the period, most first.
        public var byOfficer: [Count]

        public var sentBackShare: Double? { decided == 0 ? nil : Double(sentBack) / Double(decided) }
        public var rejectedShare: Double? { decided == 0 ? nil : Double(rejected) / Double(decided) }
    }

    public struct Listening: Hashable, Sendable {
        public var replies: Int
        public var broadcasts: Int
        public var previousReplies: Int
        public var previousBroadcasts: Int

        /// Replies per broadcast post; nil with no broadcasts.
        public var ratio: Double? { broadcasts == 0 ? nil : Double(replies) / Double(broadcasts) }
        public var previousRatio: Double? { previousBroadcasts == 0 ? nil : Double(previousReplies) / Double(previousBroadcasts) }
    }

    public var period: DateInterval
    public var scope: Scope
    /// Arrivals per day of the period, keyed "YYYY-MM-DD", oldest first.
    public var perDay: [Count]
    /// Arrivals per hour of the week: 7 rows (Monday first) of 24 hours.
    public var perHour: [[Int]]
    public var byChannel: [Count]
    public var byBranch: [Count]
    public var response: Response
    public var responseByBranch: [Response]
    public var responseByChannel: [Response]
    public var backlog: Backlog
    public var approvals: Approvals
    public var listening: Listening
    public var topTags: [Count]
    /// Authors who wrote most, for follow-up in the console; reports leave them out.
    public var topAuthors: [Count]

    public var received: Int { perDay.reduce(0) { $0 + $1.count } }

    /// Upper bounds in hours of the backlog's age bands, and their labels.
    public static let ageBands: [(hours: Double, label: String)] = [
        (4, "under 4h"), (24, "4h-1d"), (72, "1-3d"), (168, "3-7d"), (.infinity, "over 7d"),
    ]

    /// Nearest-rank percentile of sorted values: the smallest value with at least
    /// `p` of the values at or below it.
    public static func percentile(_ sorted: [Int], _ p: Double) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
