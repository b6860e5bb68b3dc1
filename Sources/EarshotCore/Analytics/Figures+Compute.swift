import Foundation

extension Figures {
    /// All figures for `period` and `scope`. Arrivals belong to the period they
    /// arrived in (their response time too, however late the reply); submissions
    /// to the period they were submitted in; replies, broadcasts, decisions and
    /// escalations to the period they happened in. The backlog is counted at the
    /// period's end, or `now` if that is sooner.
    public static func compute(_ ledger: Ledger, config: StoreConfig, period: DateInterval, scope: Scope, now: Date) -> Figures {
        let calendar = config.calendar
        let inScope = ledger.arrivals.filter { scope.covers(branch: $0.branch, channels: [$0.channel]) }
        let arrived = inScope.filter { period.start <= $0.receivedAt && $0.receivedAt < period.end }

        // Volume
        var perDayMap: [String: Int] = [:]
        var perHour = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for a in arrived {
            perDayMap[Rollups.dayKey(a.receivedAt, calendar: calendar), default: 0] += 1
            let c = calendar.dateComponents([.weekday, .hour], from: a.receivedAt)
            perHour[((c.weekday ?? 2) + 5) % 7][c.hour ?? 0] += 1
        }
        var perDay: [Count] = []
        var day = period.start
        while day < period.end {
            let key = Rollups.dayKey(day, calendar: calendar)
            perDay.append(Count(key: key, count: perDayMap[key] ?? 0))
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? period.end
        }

        let responseTimes = Dictionary(uniqueKeysWithValues: arrived.compactMap { a in
            a.firstReplyAt.map { (a.id, openMinutes(from: a.receivedAt, to: $0, branch: a.branch, config: config)) }
        })
        func response(_ key: String, _ list: [Ledger.Arrival]) -> Response {
            let answered = list.filter { responseTimes[$0.id] != nil }
            let minutes = answered.compactMap { responseTimes[$0.id] }.sorted()
            let targeted = answered.compactMap { a in config.responseTarget(for: a.channel).map { (responseTimes[a.id]!, $0) } }
            return Response(key: key, received: list.count, answered: answered.count,
                            medianMinutes: percentile(minutes, 0.5), p90Minutes: percentile(minutes, 0.9),
                            withTarget: targeted.count, withinTarget: targeted.filter { $0.0 <= $0.1 }.count)
        }
        let branchKeys = config.branches.map(\.id)
        let channelKeys = config.channels.map(\.channel)
        let marks = ledger.marks.filter { scope.covers(branch: $0.branch, channels: $0.channels) }
        let inPeriod = marks.filter { period.start <= $0.at && $0.at < period.end }
        let previous = PeriodChoice.previous(period)
        let before = marks.filter { previous.start <= $0.at && $0.at < previous.end }

        return Figures(
            period: period, scope: scope, perDay: perDay, perHour: perHour,
            byChannel: channelKeys.map { c in Count(key: c.rawValue, count: arrived.filter { $0.channel == c }.count) },
            byBranch: branchKeys.map { b in Count(key: b, count: arrived.filter { $0.branch == b }.count) }
                + [Count(key: "no branch", count: arrived.filter { $0.branch == nil }.count)],
            response: response("all", arrived),
            responseByBranch: branchKeys.map { b in response(b, arrived.filter { $0.branch == b }) },
            responseByChannel: channelKeys.map { c in response(c.rawValue, arrived.filter { $0.channel == c }) },
            backlog: backlog(inScope, marks: inPeriod, config: config, asOf: min(period.end, now)),
            approvals: approvals(marks, inPeriod: inPeriod, period: period),
            listening: Listening(replies: inPeriod.filter { $0.kind == .reply }.count,
                                 broadcasts: inPeriod.filter { $0.kind == .broadcast }.count,
                                 previousReplies: before.filter { $0.kind == .reply }.count,
                                 previousBroadcasts: before.filter { $0.kind == .broadcast }.count),
            topTags: top(arrived.flatMap(\.tags)),
            topAuthors: top(arrived.map(\.author)))
    }

    /// Whole opening-hours minutes from arrival to reply, rounded up; clock time
    /// for items with no branch or a branch without hours.
    public static func openMinutes(from: Date, to: Date, branch: String?, config: StoreConfig) -> Int {
        let seconds = ResponseTarget.openSeconds(from: from, to: to, hours: config.branch(branch)?.hours, calendar: config.calendar)
        return Int((seconds / 60).rounded(.up))
    }

    static func backlog(_ arrivals: [Ledger.Arrival], marks: [Ledger.Mark], config: StoreConfig, asOf: Date) -> Backlog {
        let open = arrivals.filter { $0.receivedAt <= asOf && ($0.closedAt.map { $0 > asOf } ?? true) }
        var bands = ageBands.map { Count(key: $0.label, count: 0) }
        for a in open {
            let hours = asOf.timeIntervalSince(a.receivedAt) / 3600
            bands[ageBands.firstIndex { hours < $0.hours } ?? ageBands.count - 1].count += 1
        }
        let overdue = open.filter { a in
            guard let target = config.responseTarget(for: a.channel) else { return false }
            return ResponseTarget.due(received: a.receivedAt, targetMinutes: target,
                                      hours: config.branch(a.branch)?.hours, calendar: config.calendar) < asOf
        }
        return Backlog(asOf: asOf, open: open.count, bands: bands, oldest: open.map(\.receivedAt).min(), overdue: overdue.count,
                       escalationsRaised: marks.filter { $0.kind == .escalated }.count,
                       escalationsResolved: marks.filter { $0.kind == .deescalated }.count)
    }

    /// Each submission in the period is paired with the first decision on that
    /// draft after it, whenever that came.
    static func approvals(_ marks: [Ledger.Mark], inPeriod: [Ledger.Mark], period: DateInterval) -> Approvals {
        var pending: [String: Date] = [:]
        var waits: [Int] = []
        var sentBack = 0, rejected = 0, submissions = 0
        for m in marks {
            switch m.kind {
            case .submitted:
                if period.start <= m.at && m.at < period.end {
                    pending[m.subject] = m.at
                    submissions += 1
                } else {
                    pending[m.subject] = nil
                }
            case .approved, .changesRequested, .rejected:
                guard let since = pending.removeValue(forKey: m.subject) else { continue }
                waits.append(Int((m.at.timeIntervalSince(since) / 60).rounded(.up)))
                if m.kind == .changesRequested { sentBack += 1 }
                if m.kind == .rejected { rejected += 1 }
            default: break
            }
        }
        waits.sort()
        let decisions = inPeriod.filter { [.approved, .changesRequested, .rejected].contains($0.kind) }
        return Approvals(submissions: submissions, decided: waits.count,
                         medianMinutes: percentile(waits, 0.5), p90Minutes: percentile(waits, 0.9),
                         sentBack: sentBack, rejected: rejected, byOfficer: top(decisions.map(\.actor), limit: .max))
    }

    /// Most frequent first, ties by name; at most `limit`.
    static func top(_ keys: [String], limit: Int = 10) -> [Count] {
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        return counts.map { Count(key: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
            .prefix(limit).map { $0 }
    }
}
