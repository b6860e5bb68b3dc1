import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

@Suite struct PublisherTests {
    func approvedStore() throws -> TemporaryStore {
        // A demo store, as the seed is.
        let temp = try TemporaryStore(Fixture.workspace(demo: true))
        _ = try temp.open().apply(Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1), at: Fixture.now)
        return temp
    }

    @Test func aDuePostReachesTheOutboxOncePerChannel() throws {
        let temp = try approvedStore()
        let store = try temp.open()
        let report = try store.publishDue(now: Fixture.now, actor: "elena")
        #expect(report.published == ["d-1": ["outbox/d-1.x.json", "outbox/d-1.facebook.json"]])
        #expect(store.workspace.drafts["d-1"]?.state == .published)
        let data = try Data(contentsOf: temp.root.appendingPathComponent("outbox/d-1.x.json"))
        let post = try JSONDecoder.iso().decode(OutboxPost.self, from: data)
        #expect(post.text == "Story time is back at Central on Saturday at 10:30!")
        #expect(post.channel == .x)
        #expect(post.approvedBy == ["priya"])
        #expect(post.account == "@testlibs")
        // A second run finds nothing due.
        #expect(try temp.open().publishDue(now: Fixture.now, actor: "elena") == PublishReport())
    }

    @Test func aPublisherThatDiedAfterWritingDoesNotWriteTwice() throws {
        let temp = try approvedStore()
        let outbox = temp.root.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        // What a publisher killed between writing and recording left behind.
        let earlier = #"{"version":1,"draft":"d-1","revision":1,"channel":"x","text":"Story time","images":[],"author":"aisha","approvedBy":["priya"],"publishedAt":"2026-11-27T15:29:00Z"}"#
        try Data(earlier.utf8).write(to: outbox.appendingPathComponent("d-1.x.json"))
        let report = try temp.open().publishDue(now: Fixture.now, actor: "elena")
        #expect(report.published["d-1"]?.count == 2)
        #expect(try String(contentsOf: outbox.appendingPathComponent("d-1.x.json"), encoding: .utf8) == earlier)
    }

    @Test func anOutboxFileHoldingSomethingElseIsAnErrorAndNothingIsRecorded() throws {
        let temp = try approvedStore()
        let outbox = temp.root.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        try Data("already here".utf8).write(to: outbox.appendingPathComponent("d-1.x.json"))
        let store = try temp.open()
        let report = try store.publishDue(now: Fixture.now, actor: "elena")
        #expect(report.published.isEmpty)
        #expect(report.refused.count == 1)
        #expect(report.refused.first?.contains("outbox/d-1.x.json is already there") == true)
        #expect(store.workspace.drafts["d-1"]?.state == .approved)
        #expect(try temp.journalLines().allSatisfy { !$0.contains(#""published""#) })
    }

    // Issue 12, failure 1: publish re-checks the approvals before anything is written.
    @Test func anApprovedPostMissingItsApprovalsGoesBackToItsAuthorNotToTheOutbox() throws {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.drafts["d-1"]?.state = .approved // as a hand-edited or forged store might say
        let temp = try TemporaryStore(ws)
        let store = try temp.open()
        let report = try store.publishDue(now: Fixture.now, actor: "elena")
        #expect(report.published.isEmpty)
        #expect(report.sentBack.count == 1)
        #expect(report.sentBack.first?.hasPrefix("d-1: [publish.approvals]") == true)
        #expect(!FileManager.default.fileExists(atPath: temp.root.appendingPathComponent("outbox/d-1.x.json").path))
        #expect(store.workspace.drafts["d-1"]?.state == .changesRequested)
        #expect(try temp.journalLines().contains { $0.contains(#""sentBack""#) })
    }

    @Test func aPlainApprovalInsideQuietHoursIsHeldUntilTheyEnd() throws {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(quietHours: .init(from: "22:00", to: "07:00", severity: .blocking))
        let temp = try TemporaryStore(ws)
        let store = try temp.open()
        let early = ISO8601DateFormatter().date(from: "2026-11-28T05:38:00Z")!
        _ = try store.apply(Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1), at: early)
        let held = try store.publishDue(now: early, actor: "elena")
        #expect(held.published.isEmpty)
        #expect(held.waiting.first?.hasPrefix("d-1:") == true)
        let seven = ISO8601DateFormatter().date(from: "2026-11-28T07:00:00Z")!
        #expect(try store.publishDue(now: seven, actor: "elena").published.keys.sorted() == ["d-1"])
    }

    @Test func scheduledPostsWaitAndUnapprovedOnesExpire() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let later = Fixture.now.addingTimeInterval(3600)
        _ = try store.apply(Request(.schedule(draft: "d-3", at: later), by: "priya"), at: Fixture.now)
        _ = try store.apply(Request(.approve(draft: "d-3", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try store.apply(Request(.schedule(draft: "d-1", at: later), by: "aisha"), at: Fixture.now)
        #expect(try store.publishDue(now: Fixture.now, actor: "elena") == PublishReport())
        let report = try store.publishDue(now: later, actor: "elena")
        #expect(report.published.keys.sorted() == ["d-3"])
        #expect(report.expired == ["d-1"])
        #expect(store.workspace.drafts["d-1"]?.state == .expired)  // listed as expired, for a new time
    }

    @Test func theAuditKeepsEventsAcrossCompaction() throws {
        let temp = try approvedStore()
        let store = try temp.open()
        _ = try store.publishDue(now: Fixture.now, actor: "elena")
        try store.compact(now: Fixture.now)
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now.addingTimeInterval(60))
        let all = try temp.open().history()
        #expect(all.map(\.seq) == [11, 12, 13])
        let recent = try temp.open().history(since: Fixture.now.addingTimeInterval(30))
        #expect(recent.map(\.seq) == [13])
    }

    @Test func twoPublishersAtOnceWriteEachPostOnce() throws {
        let temp = try approvedStore()
        let store = try temp.open()
        _ = try store.apply(Request(.approve(draft: "d-3", revision: 1), by: "morgan", basedOn: 1), at: Fixture.now)
        let earshot = try ConcurrencyTests.benchBinary().deletingLastPathComponent().appendingPathComponent("earshot")
        // `--as` and the demo clock only in a copy made the way `earshot --demo` makes it.
        let copy = try DemoCopy.make(from: temp.root, now: Date())
        defer { try? FileManager.default.removeItem(at: copy) }
        let runs = try (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = earshot
            p.arguments = ["publish", "--store", copy.path]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in runs { p.waitUntilExit() }
        let journal = try String(contentsOf: copy.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let lines = journal.split(separator: "\n").filter { $0.contains(#""published""#) }
        #expect(lines.count == 2, "d-1 and d-3, once each")
        let files = try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("outbox").path).filter { $0.hasSuffix(".json") }
        #expect(files.sorted() == ["d-1.facebook.json", "d-1.x.json", "d-3.facebook.json", "d-3.x.json"])
    }
}

extension JSONDecoder {
    static func iso() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
