import EarshotCore
import EarshotStore
import Foundation
import Testing

/// Every figure of the analytics view, recomputed here from the demo store's raw
/// files (archive/events.jsonl, journal.jsonl, snapshot.json, archive/*.jsonl) by
/// plain loops over the events, and compared with what the store's ledger gives.
@Suite struct AnalyticsRecomputeTests {
    struct Raw {
        var events: [Event]
        var snapshotItems: [InboxItem]
        var snapshotDrafts: [Draft]
        var config: StoreConfig
    }

    static func loadRaw(_ root: URL) throws -> Raw {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        func lines(_ name: String) throws -> [Data] {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else { return [] }
            return data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
        }
        var events = try (lines("archive/events.jsonl") + lines("journal.jsonl")).map { try decoder.decode(Event.self, from: $0) }
        events.sort { $0.seq < $1.seq }
        struct Snap: Decodable { var items: [InboxItem]; var drafts: [Draft] }
        let snap = try decoder.decode(Snap.self, from: Data(contentsOf: root.appendingPathComponent("snapshot.json")))
        let config = try decoder.decode(StoreConfig.self, from: Data(contentsOf: root.appendingPathComponent("store.json")))
        return Raw(events: events, snapshotItems: snap.items, snapshotDrafts: snap.drafts, config: config)
    }

    /// The scopes and periods compared: every scope over the whole history, and
    /// the service over each preset.
    static func cases(_ config: StoreConfig, now: Date) -> [(DateInterval, Scope)] {
        let calendar = config.calendar
        let all = DateInterval(start: PeriodChoice.day("2026-10-01", calendar: calendar)!, end: now)
        return Scope.all(config).map { (all, $0) }
            + PeriodChoice.presets.map { ($0.interval(now: now, calendar: calendar)!, Scope.service) }
            + [(PeriodChoice.lastMonth.interval(now: now, calendar: calendar)!, .branch("northgate"))]
    }

    @Test func everyFigureMatchesARecomputationFromRawEvents() throws {
        let copy = try DemoCopy.make(from: DemoSeedTests.seed)
        defer { try? FileManager.default.removeItem(at: copy) }
        let store = try Store(at: copy)
        let raw = try Self.loadRaw(copy)
        let now = raw.config.demo!.clockAnchor
        #expect(raw.events.count > 1_000, "the demo carries weeks of history")
        for (period, scope) in Self.cases(raw.config, now: now) {
            let f = Figures.compute(store.workspace.ledger, config: raw.config, period: period, scope: scope, now: now)
            let r = Recount(raw, period: period, scope: scope, now: now)
            let label = "\(scope) \(period.start)"
            #expect(f.perDay.map(\.count) == r.perDay, "per day, \(label)")
            #expect(f.perHour == r.perHour, "per hour, \(label)")
            #expect(f.byChannel.map(\.count) == r.byChannel, "per channel, \(label)")
            #expect(f.byBranch.map(\.count) == r.byBranch, "per branch, \(label)")
            #expect(f.response.answered == r.answered.count, "answered, \(label)")
            #expect(f.response.medianMinutes == r.median, "median response, \(label)")
            #expect(f.response.p90Minutes == r.p90, "p90 response, \(label)")
            #expect(f.response.withTarget == r.withTarget, "with a target, \(label)")
            #expect(f.response.withinTarget == r.withinTarget, "within target, \(label)")
            #expect(f.responseByBranch.map(\.answered) == r.answeredByBranch, "answered per branch, \(label)")
            #expect(f.responseByBranch.map(\.medianMinutes) == r.medianByBranch, "median per branch, \(label)")
            #expect(f.responseByChannel.map(\.p90Minutes) == r.p90ByChannel, "p90 per channel, \(label)")
            #expect(f.responseByChannel.map(\.withinTarget) == r.withinByChannel, "within target per channel, \(label)")
            #expect(f.backlog.open == r.openAtEnd, "backlog, \(label)")
            #expect(f.backlog.bands.map(\.count) == r.bands, "backlog by age, \(label)")
            #expect(f.backlog.oldest == r.oldest, "oldest open, \(label)")
            #expect(f.backlog.overdue == r.overdue, "overdue, \(label)")
            #expect(f.backlog.escalationsRaised == r.escalated, "escalations raised, \(label)")
            #expect(f.backlog.escalationsResolved == r.resolved, "escalations resolved, \(label)")
            #expect(f.approvals.submissions == r.submissions, "submissions, \(label)")
            #expect(f.approvals.decided == r.waits.count, "decided, \(label)")
            #expect(f.approvals.medianMinutes == r.waitMedian, "approval median, \(label)")
            #expect(f.approvals.p90Minutes == r.waitP90, "approval p90, \(label)")
            #expect(f.approvals.sentBack == r.sentBack, "sent back, \(label)")
            #expect(f.approvals.rejected == r.rejected, "rejected, \(label)")
            #expect(Dictionary(uniqueKeysWithValues: f.approvals.byOfficer.map { ($0.key, $0.count) }) == r.byOfficer, "officers, \(label)")
            #expect(f.listening.replies == r.replies, "replies, \(label)")
            #expect(f.listening.broadcasts == r.broadcasts, "broadcasts, \(label)")
            #expect(f.listening.previousReplies == r.previousReplies, "previous replies, \(label)")
            #expect(f.received == r.perDay.reduce(0, +), "received, \(label)")
            #expect(f.topTags.first.map { [$0.key: $0.count] } == r.topTag, "top tag, \(label)")
        }
        // The whole history has real shapes to show.
        let all = Figures.compute(store.workspace.ledger, config: raw.config, period: Self.cases(raw.config, now: now)[0].0, scope: .service, now: now)
        #expect(all.received > 300 && all.listening.replies > 100 && all.listening.broadcasts > 15)
        #expect(all.approvals.sentBack > 0 && all.approvals.rejected > 0 && all.backlog.escalationsResolved > 0)
        #expect(all.byChannel.allSatisfy { $0.count > 0 } && all.byBranch.allSatisfy { $0.count > 0 })
    }

    @Test func theLedgerSurvivesCompactionIntoTheSnapshot() throws {
        let copy = try DemoCopy.make(from: DemoSeedTests.seed)
        defer { try? FileManager.default.removeItem(at: copy) }
        let store = try Store(at: copy)
        let before = store.workspace.ledger
        let now = store.workspace.config.demo!.clockAnchor
        try store.compact(now: now.addingTimeInterval(90 * 86_400))
        let reopened = try Store(at: copy)
        #expect(reopened.workspace.ledger == before)
        #expect(reopened.workspace.items.count < store.workspace.items.count + 1, "closed items went to the archive")
        let snapshot = try String(contentsOf: copy.appendingPathComponent("snapshot.json"), encoding: .utf8)
        #expect(snapshot.contains("\"ledger\""), "kept in the snapshot, not rebuilt from the archive")
    }
}
