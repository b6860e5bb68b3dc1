import EarshotCore
import Foundation
import TestSupport
import Testing

/// The ledger's rules, one event at a time, with a fixed clock and no disk.
@Suite struct LedgerTests {
    let config = Fixture.config()
    var seq = 0

    mutating func event(_ change: Change, at minutes: Double, by actor: String = "aisha") -> Event {
        seq += 1
        return Event(seq: seq, at: Fixture.now.addingTimeInterval(Fixture.minutes(minutes)), actor: actor, change: change)
    }

    func figures(_ ledger: Ledger, scope: Scope = .service) -> Figures {
        let period = DateInterval(start: Fixture.now.addingTimeInterval(-Fixture.days(1)), end: Fixture.now.addingTimeInterval(Fixture.days(1)))
        return Figures.compute(ledger, config: config, period: period, scope: scope, now: Fixture.now.addingTimeInterval(Fixture.days(1)))
    }

    func reply(_ id: String, to item: String, state: DraftState, channels: [Channel] = [.facebook]) -> Draft {
        Draft(id: id, author: "aisha", branch: "central", channels: channels,
              revisions: [Revision(number: 1, text: "hi", author: "aisha", at: Fixture.now)], state: state,
              createdAt: Fixture.now, inReplyTo: item)
    }

    @Test mutating func aDirectReplyCountsOnceThoughItIsPublishedLater() {
        let item = Fixture.item("i-1", ago: 0)
        let events = [
            event(.received(item: item), at: 0),
            event(.replyDrafted(draft: reply("r-1", to: "i-1", state: .approved), direct: true), at: 30),
            event(.published(draft: "r-1", files: []), at: 35, by: "publisher"),
        ]
        let f = figures(Ledger.build(events: events, items: [], drafts: []))
        #expect(f.listening.replies == 1)
        #expect(f.response.answered == 1)
        #expect(f.backlog.open == 0)
    }

    @Test mutating func aReplyThroughApprovalCountsWhenPublishedAndLeavesTheItemOpen() {
        let item = Fixture.item("i-1", channel: .x, ago: 0)
        let events = [
            event(.received(item: item), at: 0),
            event(.replyDrafted(draft: reply("r-1", to: "i-1", state: .submitted, channels: [.x]), direct: false), at: 10),
            event(.approved(draft: "r-1", revision: 1), at: 70, by: "priya"),
            event(.published(draft: "r-1", files: []), at: 80, by: "publisher"),
            event(.published(draft: "r-1", files: []), at: 90, by: "publisher"),
        ]
        let f = figures(Ledger.build(events: events, items: [], drafts: []))
        #expect(f.listening.replies == 1, "a second publish of the same draft is not a second reply")
        #expect(f.approvals.submissions == 1 && f.approvals.decided == 1 && f.approvals.medianMinutes == 60)
        #expect(f.backlog.open == 1, "still open until someone closes it")
    }

    @Test mutating func escalationsResolvedByATriageOrByAReplyFromComms() {
        let events = [
            event(.received(item: Fixture.item("i-1", ago: 0)), at: 0),
            event(.received(item: Fixture.item("i-2", ago: 0)), at: 0),
            event(.triaged(item: "i-1", from: .new, to: .escalated), at: 5),
            event(.triaged(item: "i-2", from: .new, to: .escalated), at: 5),
            event(.triaged(item: "i-1", from: .escalated, to: .handled), at: 50, by: "priya"),
            event(.replyDrafted(draft: reply("r-2", to: "i-2", state: .approved), direct: true), at: 60, by: "priya"),
        ]
        let b = figures(Ledger.build(events: events, items: [], drafts: [])).backlog
        #expect(b.escalationsRaised == 2 && b.escalationsResolved == 2)
    }

    @Test mutating func undoingACloseReopensTheItem() {
        let events = [
            event(.received(item: Fixture.item("i-1", ago: 0)), at: 0),
            event(.triaged(item: "i-1", from: .new, to: .handled), at: 5),
            event(.reverted(item: "i-1", from: .handled, to: .new, undoing: 2), at: 6),
        ]
        #expect(figures(Ledger.build(events: events, items: [], drafts: [])).backlog.open == 1)
    }

    @Test mutating func broadcastsAndRepliesArePerScope() {
        var post = reply("b-1", to: "x", state: .draft, channels: [.mastodon])
        post.inReplyTo = nil
        let events = [
            event(.draftCreated(draft: post), at: 0),
            event(.submitted(draft: "b-1", revision: 1), at: 1),
            event(.changesRequested(draft: "b-1", revision: 1, comment: "no"), at: 11, by: "priya"),
            event(.submitted(draft: "b-1", revision: 1), at: 20),
            event(.approved(draft: "b-1", revision: 1), at: 50, by: "morgan"),
            event(.published(draft: "b-1", files: []), at: 55, by: "publisher"),
        ]
        let ledger = Ledger.build(events: events, items: [], drafts: [])
        let all = figures(ledger)
        #expect(all.listening.broadcasts == 1)
        #expect(all.approvals.submissions == 2 && all.approvals.sentBack == 1 && all.approvals.medianMinutes == 10 && all.approvals.p90Minutes == 30)
        #expect(all.approvals.byOfficer.map(\.key).sorted() == ["morgan", "priya"])
        #expect(figures(ledger, scope: .channel(.x)).listening.broadcasts == 0)
        #expect(figures(ledger, scope: .branch("central")).listening.broadcasts == 1)
    }

    @Test func nearestRankPercentiles() {
        #expect(Figures.percentile([], 0.5) == nil)
        #expect(Figures.percentile([7], 0.9) == 7)
        #expect(Figures.percentile([1, 2, 3, 4], 0.5) == 2)
        #expect(Figures.percentile(Array(1...10), 0.9) == 9)
        #expect(Figures.percentile(Array(1...11), 0.9) == 10)
    }

    @Test func periodsFollowTheStoresCalendar() {
        let calendar = config.calendar
        // Fixture.now is a Friday in late November, London time.
        let now = Fixture.now
        let week = PeriodChoice.thisWeek.interval(now: now, calendar: calendar)!
        #expect(calendar.component(.weekday, from: week.start) == 2, "weeks start on Monday")
        let lastMonth = PeriodChoice.lastMonth.interval(now: now, calendar: calendar)!
        #expect(Rollups.dayKey(lastMonth.start, calendar: calendar).hasSuffix("-01"))
        #expect(lastMonth.end == PeriodChoice.thisMonth.interval(now: now, calendar: calendar)!.start)
        let range = PeriodChoice.range(from: "2026-10-24", to: "2026-10-26").interval(now: now, calendar: calendar)!
        #expect(range.duration == 3 * 86_400 + 3_600, "the clocks went back on 25 October: 73 hours")
        #expect(PeriodChoice.range(from: "2026-10-26", to: "2026-10-24").interval(now: now, calendar: calendar) == nil)
        #expect(PeriodChoice.range(from: "2026-02-30", to: "2026-03-01").interval(now: now, calendar: calendar) == nil)
        #expect(PeriodChoice.last30Days.interval(now: now, calendar: calendar)!.duration >= 30 * 86_400 - 3_600)
    }

    @Test mutating func theLedgerRoundTripsThroughJSON() throws {
        let events = [
            event(.received(item: Fixture.item("i-1", ago: 0)), at: 0),
            event(.tagged(item: "i-1", added: ["</script>", "a,b"], removed: []), at: 1),
            event(.triaged(item: "i-1", from: .new, to: .escalated), at: 5),
            event(.replyDrafted(draft: reply("r-1", to: "i-1", state: .submitted), direct: false), at: 6),
        ]
        let ledger = Ledger.build(events: events, items: [], drafts: [])
        let data = try JSONEncoder().encode(ledger)
        #expect(try JSONDecoder().decode(Ledger.self, from: data) == ledger)
    }
}
