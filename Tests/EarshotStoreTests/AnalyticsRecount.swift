import EarshotCore
import Foundation

/// The analytics figures counted the long way, for `AnalyticsRecomputeTests`:
/// no ledger, no shared helpers from the production code beyond the models and
/// the calendar; each figure is its own loop over the raw events.
struct Recount {
    var perDay: [Int] = []
    var perHour = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    var byChannel: [Int] = []
    var byBranch: [Int] = []
    var answered: [String] = []
    var median: Int?
    var p90: Int?
    var withTarget = 0
    var withinTarget = 0
    var answeredByBranch: [Int] = []
    var medianByBranch: [Int?] = []
    var withinByChannel: [Int] = []
    var p90ByChannel: [Int?] = []
    var bands: [Int] = []
    var oldest: Date?
    var openAtEnd = 0
    var overdue = 0
    var escalated = 0
    var resolved = 0
    var submissions = 0
    var waits: [Int] = []
    var waitMedian: Int?
    var waitP90: Int?
    var sentBack = 0
    var rejected = 0
    var byOfficer: [String: Int] = [:]
    var replies = 0
    var broadcasts = 0
    var previousReplies = 0
    var topTag: [String: Int]?

    struct Happening { var at: Date; var kind: String; var actor: String }

    init(_ raw: AnalyticsRecomputeTests.Raw, period: DateInterval, scope: Scope, now: Date) {
        let config = raw.config
        let calendar = config.calendar
        func inPeriod(_ d: Date) -> Bool { d >= period.start && d < period.end }
        func covers(_ branch: String?, _ channels: [Channel]) -> Bool {
            switch scope {
            case .service: return true
            case .branch(let b): return branch == b
            case .channel(let c): return channels.contains(c)
            }
        }

        // Arrivals: received events first, then snapshot items no event announced.
        var items: [String: InboxItem] = [:]
        for e in raw.events {
            if case .received(let item) = e.change, !item.fromLibrary, items[item.id] == nil { items[item.id] = item }
        }
        var adopted = Set<String>()
        for item in raw.snapshotItems where !item.fromLibrary && items[item.id] == nil {
            items[item.id] = item
            adopted.insert(item.id)
        }
        let arrived = items.values.filter { inPeriod($0.receivedAt) && covers($0.branch, [$0.channel]) }

        var day = period.start
        while day < period.end {
            let next = calendar.date(byAdding: .day, value: 1, to: day)!
            perDay.append(arrived.filter { $0.receivedAt >= day && $0.receivedAt < next }.count)
            day = next
        }
        let mondayFirst = [1: 6, 2: 0, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5]
        for a in arrived {
            perHour[mondayFirst[calendar.component(.weekday, from: a.receivedAt)]!][calendar.component(.hour, from: a.receivedAt)] += 1
        }
        byChannel = config.channels.map { acc in arrived.filter { $0.channel == acc.channel }.count }
        byBranch = config.branches.map { b in arrived.filter { $0.branch == b.id }.count } + [arrived.filter { $0.branch == nil }.count]

        // Drafts: what each is, from its creating event or the snapshot.
        var drafts: [String: (branch: String?, channels: [Channel], reply: String?, direct: Bool)] = [:]
        for e in raw.events {
            switch e.change {
            case .draftCreated(let d): drafts[d.id] = (d.branch, d.channels, d.inReplyTo, false)
            case .replyDrafted(let d, let direct): drafts[d.id] = (d.branch, d.channels, d.inReplyTo, direct)
            default: break
            }
        }
        var history: [String: [Happening]] = [:]
        var firstReply: [String: Date] = [:]
        func answer(_ item: String?, _ at: Date) {
            guard let item else { return }
            if firstReply[item].map({ at < $0 }) ?? true { firstReply[item] = at }
        }
        var published = Set<String>()
        var replyTimes: [Date] = [], broadcastTimes: [Date] = []
        for e in raw.events {
            func note(_ id: String, _ kind: String) { history[id, default: []].append(Happening(at: e.at, kind: kind, actor: e.actor)) }
            switch e.change {
            case .replyDrafted(let d, let direct):
                if direct { answer(d.inReplyTo, e.at); if covers(d.branch, d.channels) { replyTimes.append(e.at) } } else { note(d.id, "submit") }
            case .submitted(let id, _): note(id, "submit")
            case .approved(let id, _, _): note(id, "approve")
            case .sentBack(let id, _, _): note(id, "back")
            case .changesRequested(let id, _, _): note(id, "back")
            case .rejected(let id, _, _): note(id, "reject")
            case .published(let id, _):
                guard let d = drafts[id], !d.direct, published.insert(id).inserted else { break }
                if d.reply != nil { answer(d.reply, e.at) }
                if covers(d.branch, d.channels) {
                    if d.reply != nil { replyTimes.append(e.at) } else { broadcastTimes.append(e.at) }
                }
            default: break
            }
        }
        for d in raw.snapshotDrafts where drafts[d.id] == nil {
            drafts[d.id] = (d.branch, d.channels, d.inReplyTo, false)
            var list: [Happening] = d.submittedAt.map { [Happening(at: $0, kind: "submit", actor: d.author)] } ?? []
            for n in d.notes {
                let kind = [.approved: "approve", .changesRequested: "back", .rejected: "reject"][n.verdict]
                if let kind { list.append(Happening(at: n.at, kind: kind, actor: n.by)) }
            }
            history[d.id, default: []] += list
            if d.state == .published, let at = d.publishedAt {
                if d.isReply { answer(d.inReplyTo, at) }
                if covers(d.branch, d.channels) { if d.isReply { replyTimes.append(at) } else { broadcastTimes.append(at) } }
            }
        }
        for id in adopted where raw.snapshotItems.first(where: { $0.id == id })?.status == .replied {
            let item = raw.snapshotItems.first { $0.id == id }!
            answer(id, item.changedAt ?? item.receivedAt)
        }

        // First responses, in opening-hours minutes counted range by range.
        var minutes: [String: Int] = [:]
        for a in arrived { if let r = firstReply[a.id] { minutes[a.id] = Self.openMinutes(a.receivedAt, r, config.branch(a.branch)?.hours, calendar) } }
        answered = arrived.filter { minutes[$0.id] != nil }.map(\.id)
        let sorted = answered.map { minutes[$0]! }.sorted()
        median = Self.rank(sorted, 0.5)
        p90 = Self.rank(sorted, 0.9)
        for id in answered {
            let item = items[id]!
            if let target = config.responseTarget(for: item.channel) {
                withTarget += 1
                if minutes[id]! <= target { withinTarget += 1 }
            }
        }
        answeredByBranch = config.branches.map { b in answered.filter { items[$0]!.branch == b.id }.count }
        medianByBranch = config.branches.map { b in Self.rank(answered.filter { items[$0]!.branch == b.id }.map { minutes[$0]! }.sorted(), 0.5) }
        p90ByChannel = config.channels.map { c in Self.rank(answered.filter { items[$0]!.channel == c.channel }.map { minutes[$0]! }.sorted(), 0.9) }
        withinByChannel = config.channels.map { c in
            guard let target = config.responseTarget(for: c.channel) else { return 0 }
            return answered.filter { items[$0]!.channel == c.channel && minutes[$0]! <= target }.count
        }

        // Status of every item at the end of the period (or now), by replaying.
        let asOf = min(period.end, now)
        var status: [String: ItemStatus] = [:]
        for id in adopted {
            let item = items[id]!
            status[id] = (item.changedAt ?? item.receivedAt) <= asOf ? item.status : .new
            if item.status == .escalated, covers(item.branch, [item.channel]), inPeriod(item.changedAt ?? item.receivedAt) { escalated += 1 }
        }
        for e in raw.events {
            func set(_ id: String, _ to: ItemStatus) {
                guard let item = items[id] else { return }
                let before = status[id] ?? .new
                if covers(item.branch, [item.channel]), inPeriod(e.at) {
                    if to == .escalated, before != .escalated { escalated += 1 }
                    if before == .escalated, to != .escalated { resolved += 1 }
                }
                if e.at <= asOf { status[id] = to }
            }
            switch e.change {
            case .received(let item): if status[item.id] == nil, items[item.id] != nil { status[item.id] = .new }
            case .triaged(let id, _, let to), .reverted(let id, _, let to, _): set(id, to)
            case .replyDrafted(let d, true): if let id = d.inReplyTo { set(id, .replied) }
            default: break
            }
        }
        let open = items.values.filter { covers($0.branch, [$0.channel]) && $0.receivedAt <= asOf && (status[$0.id] ?? .new).isOpen }
        openAtEnd = open.count
        oldest = open.map(\.receivedAt).min()
        bands = [0, 0, 0, 0, 0]
        for item in open {
            let hours = asOf.timeIntervalSince(item.receivedAt) / 3600
            bands[hours < 4 ? 0 : hours < 24 ? 1 : hours < 72 ? 2 : hours < 168 ? 3 : 4] += 1
        }
        overdue = open.filter { item in
            guard let target = config.responseTarget(for: item.channel) else { return false }
            return Self.openSeconds(item.receivedAt, asOf, config.branch(item.branch)?.hours, calendar) > Double(target * 60)
        }.count

        // Approvals: each submission in the period against the next decision on it.
        for (id, list) in history {
            guard let d = drafts[id], covers(d.branch, d.channels) else { continue }
            let ordered = list.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            for (i, h) in ordered.enumerated() {
                if h.kind != "submit", inPeriod(h.at) { byOfficer[h.actor, default: 0] += 1 }
                guard h.kind == "submit", inPeriod(h.at) else { continue }
                submissions += 1
                for later in ordered[(i + 1)...] {
                    if later.kind == "submit" { break }
                    waits.append(Int((later.at.timeIntervalSince(h.at) / 60).rounded(.up)))
                    if later.kind == "back" { sentBack += 1 }
                    if later.kind == "reject" { rejected += 1 }
                    break
                }
            }
        }
        waits.sort()
        waitMedian = Self.rank(waits, 0.5)
        waitP90 = Self.rank(waits, 0.9)

        let previous = DateInterval(start: period.start.addingTimeInterval(-period.duration), end: period.start)
        replies = replyTimes.filter(inPeriod).count
        broadcasts = broadcastTimes.filter(inPeriod).count
        previousReplies = replyTimes.filter { $0 >= previous.start && $0 < previous.end }.count

        var tags: [String: [String]] = [:]
        for item in items.values { tags[item.id] = item.tags }
        for e in raw.events {
            if case .tagged(let id, let added, let removed) = e.change, var t = tags[id] {
                t = t.filter { !removed.contains($0) } + added.filter { !t.contains($0) }
                tags[id] = t
            }
        }
        var tagCounts: [String: Int] = [:]
        for a in arrived { for t in tags[a.id] ?? [] { tagCounts[t, default: 0] += 1 } }
        if let best = tagCounts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { topTag = [best.key: best.value] }
    }

    /// Nearest rank: the value at position ceil(p * n), counting from 1.
    static func rank(_ sorted: [Int], _ p: Double) -> Int? {
        sorted.isEmpty ? nil : sorted[max(1, Int((p * Double(sorted.count)).rounded(.up))) - 1]
    }

    static func openMinutes(_ a: Date, _ b: Date, _ hours: OpeningHours?, _ calendar: Calendar) -> Int {
        Int((openSeconds(a, b, hours, calendar) / 60).rounded(.up))
    }

    /// Sums the overlap of [a, b) with each day's written opening ranges.
    static func openSeconds(_ a: Date, _ b: Date, _ hours: OpeningHours?, _ calendar: Calendar) -> Double {
        guard b > a else { return 0 }
        guard let hours, !hours.weekly.values.allSatisfy(\.isEmpty) else { return b.timeIntervalSince(a) }
        let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        var total = 0.0
        var day = calendar.startOfDay(for: a)
        while day < b {
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            let key = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            if !hours.closed.contains(key) {
                for range in hours.weekly[names[c.weekday! - 1]] ?? [] {
                    let ends = range.split(separator: "-").map { $0.split(separator: ":").map { Int($0)! } }
                    let from = calendar.date(bySettingHour: ends[0][0], minute: ends[0][1], second: 0, of: day)!
                    let to = calendar.date(bySettingHour: ends[1][0], minute: ends[1][1], second: 0, of: day)!
                    total += max(0, min(to, b).timeIntervalSince(max(from, a)))
                }
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return total
    }
}
