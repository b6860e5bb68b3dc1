import EarshotCore
import Foundation
import TestSupport
import Testing

/// Events fold into state, and analytics read the rollups they keep.
@Suite struct WorkspaceTests {
    func event(_ seq: Int, _ change: Change, by actor: String = "aisha", at: Date = Fixture.now) -> Event {
        Event(seq: seq, at: at, actor: actor, change: change)
    }

    @Test func triageChangesStatusVersionAndAuthor() {
        var ws = Fixture.workspace()
        ws.apply(event(11, .triaged(item: "i-1", from: .new, to: .handled)))
        #expect(ws.items["i-1"]?.status == .handled)
        #expect(ws.items["i-1"]?.version == 11)
        #expect(ws.items["i-1"]?.changedBy == "aisha")
        #expect(ws.seq == 11)
    }

    @Test func handledTodayCountsOpenToClosedTransitionsOnly() {
        var ws = Fixture.workspace()
        let before = ListeningSummary(ws, now: Fixture.now).handledToday
        ws.apply(event(11, .triaged(item: "i-1", from: .new, to: .handled)))
        ws.apply(event(12, .triaged(item: "i-2", from: .needsReply, to: .escalated)))
        let after = ListeningSummary(ws, now: Fixture.now)
        #expect(after.handledToday == before + 1)
    }

    @Test func approvalAndReviewNotes() {
        var ws = Fixture.workspace()
        ws.apply(event(11, .approved(draft: "d-1", revision: 1), by: "priya"))
        #expect(ws.drafts["d-1"]?.state == .approved)
        #expect(ws.drafts["d-1"]?.notes.last?.by == "priya")
        ws.apply(event(12, .changesRequested(draft: "d-3", revision: 1, comment: "Shorter please"), by: "morgan"))
        #expect(ws.drafts["d-3"]?.state == .changesRequested)
        #expect(ws.drafts["d-3"]?.notes.last?.text == "Shorter please")
        ws.apply(event(13, .revised(draft: "d-3", revision: Revision(number: 2, text: "Short", author: "priya", at: Fixture.now)), by: "priya"))
        #expect(ws.drafts["d-3"]?.state == .draft)
        #expect(ws.drafts["d-3"]?.current.number == 2)
        ws.apply(event(14, .submitted(draft: "d-3", revision: 2), by: "priya"))
        #expect(ws.drafts["d-3"]?.state == .submitted)
        #expect(ws.drafts["d-3"]?.submittedAt == Fixture.now)
    }

    @Test func receivedItemsAreCountedPerDayAndDuplicatesIgnored() {
        var ws = Fixture.workspace()
        let item = Fixture.item("i-9", ago: 0)
        ws.apply(event(11, .received(item: item)))
        ws.apply(event(12, .received(item: item)))
        let summary = ListeningSummary(ws, now: Fixture.now)
        #expect(summary.inboundPerDay.count == 14)
        // i-1 and i-2 arrived today (1h, 5h ago) plus i-9.
        #expect(summary.inboundPerDay.last == 3)
        #expect(ws.items.count == 5)
    }

    @Test func refusalsChangeNothingButTheSequence() {
        var ws = Fixture.workspace()
        let before = ws.items
        ws.apply(event(11, .refused(command: "approve d-1 r1", rule: "role.review", reason: "no")))
        #expect(ws.items == before)
        #expect(ws.seq == 11)
    }

    @Test func summaryCountsOpenWorkAndWaitingDrafts() {
        let s = ListeningSummary(Fixture.workspace(), now: Fixture.now)
        #expect(s.unhandled == 3)  // new, needs-reply, escalated
        #expect(s.oldestUnhandled == Fixture.now.addingTimeInterval(-Fixture.days(2)))
        #expect(s.awaitingApproval == 2)
        #expect(s.oldestAwaiting == Fixture.now.addingTimeInterval(-Fixture.hours(3)))
    }

    @Test func repliesAndPostsThisWeek() {
        var ws = Fixture.workspace()
        ws.rollups = Rollups()
        ws.rollups.count(.posts, at: Fixture.now.addingTimeInterval(-Fixture.days(2)), calendar: ws.config.calendar)
        ws.rollups.count(.posts, at: Fixture.now.addingTimeInterval(-Fixture.days(20)), calendar: ws.config.calendar)
        ws.rollups.count(.replies, at: Fixture.now, calendar: ws.config.calendar, by: 3)
        let s = ListeningSummary(ws, now: Fixture.now)
        #expect(s.postsThisWeek == 1)
        #expect(s.repliesThisWeek == 3)
    }

    @Test func ageIsShort() {
        #expect(Age.short(from: Fixture.now.addingTimeInterval(-30), to: Fixture.now) == "30s")
        #expect(Age.short(from: Fixture.now.addingTimeInterval(-Fixture.minutes(12)), to: Fixture.now) == "12m")
        #expect(Age.short(from: Fixture.now.addingTimeInterval(-Fixture.hours(5)), to: Fixture.now) == "5h")
        #expect(Age.short(from: Fixture.now.addingTimeInterval(-Fixture.days(3)), to: Fixture.now) == "3d")
        #expect(Age.short(from: Fixture.now.addingTimeInterval(-Fixture.days(30)), to: Fixture.now) == "4w")
        #expect(Age.short(from: Fixture.now.addingTimeInterval(60), to: Fixture.now) == "0s")
    }
}
