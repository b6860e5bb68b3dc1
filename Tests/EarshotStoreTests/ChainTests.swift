import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// The journal as a hash chain, as the store itself writes and reads it.
@Suite struct ChainTests {
    @Test func everyLineCarriesTheHashOfTheLineBefore() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        _ = try store.applyBatch([
            Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1),
            Request(.tag(item: "i-2", add: ["printing"], remove: []), by: "aisha"),
        ], at: Fixture.now, mode: .allOrNothing)
        let lines = try temp.rawLines()
        #expect(lines.count == 3)
        var prev = Chain.genesis
        for line in lines {
            let event = try JSONDecoder.iso().decode(Event.self, from: line)
            #expect(event.prev == prev)
            prev = Chain.hash(line)
        }
        #expect(prev.count == 64 && prev == prev.lowercased())
    }

    /// Failure 7: a staff member appends two approvals claiming two comms officers.
    @Test func aForgedApprovalWithAMadeUpPrevIsNotFoldedAndStopsWrites() throws {
        let temp = try TemporaryStore()
        let aisha = try temp.open()
        try temp.forge([forgedApproval(draft: "d-1", by: "priya", seq: 11),
                        forgedApproval(draft: "d-1", by: "morgan", seq: 12)], recompute: false)
        let store = try temp.open()
        #expect(store.workspace.drafts["d-1"]?.approvals == [])
        #expect(store.workspace.drafts["d-1"]?.state == .submitted)
        #expect(store.chainBreak?.contains("journal.jsonl line 1 (seq 11, by priya) does not chain") == true)
        #expect(store.warnings.contains { $0.contains("earshot verify") })
        // Nothing is written on top of a break, by a new session or one already open.
        #expect(throws: StoreError.self) {
            _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        }
        try aisha.refresh()
        #expect(aisha.chainBreak != nil)
        #expect(aisha.workspace.drafts["d-1"]?.approvals == [])
        #expect(throws: StoreError.self) {
            _ = try aisha.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        }
        #expect(try temp.rawLines().count == 2)
        // Nor does the forged approval reach the outbox.
        #expect(throws: StoreError.self) { _ = try store.publishDue(now: Fixture.now, actor: "elena") }
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: temp.root.appendingPathComponent("outbox").path)) ?? []
        #expect(outbox.isEmpty, "no post file was written")
    }

    @Test func anEventOfAnUnknownKindIsKeptAndShownAsUnknown() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        // A newer Earshot wrote a kind of change, and a post to a channel, this one does not know.
        try temp.forge([
            { #"{"actor":"priya","at":"2026-11-27T15:41:00Z","change":{"pinned":{"item":"i-2","until":"2026-12-01"}},"prev":"\#($0)","seq":12}"# },
            { #"{"actor":"aisha","at":"2026-11-27T15:42:00Z","change":{"draftCreated":{"draft":{"author":"aisha","channels":["threads"],"createdAt":"2026-11-27T15:42:00Z","id":"d-9","revisions":[],"state":"draft"}}},"prev":"\#($0)","seq":13}"# },
        ], recompute: true)
        let written = try temp.rawLines()
        let reopened = try temp.open()
        #expect(reopened.chainBreak == nil)
        #expect(reopened.workspace.seq == 13)
        _ = try reopened.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        let history = try reopened.history()
        #expect(history.map(\.change).contains(.unknown(type: "pinned")))
        #expect(history.map(\.change).contains(.unknown(type: "draftCreated")))
        // Kept byte for byte, and the chain runs on through them.
        let after = try temp.rawLines()
        #expect(Array(after.prefix(3)) == written)
        #expect(try ChainCheck(root: temp.root).run().ok)
        let fsck = try StoreCheck(root: temp.root).run(repair: false)
        #expect(fsck.ok)
        #expect(fsck.notes.contains { $0.contains("2 event(s) of a kind this Earshot does not know") })
    }

    /// Messages about a line quote its actor; a hostile one cannot drive a terminal
    /// even where an error is printed without the console's sanitiser.
    @Test func messagesQuoteHostileTextSafely() throws {
        let temp = try TemporaryStore()
        try temp.forge([{ #"{"actor":"\u001b]0;owned\u0007priya\u202e","at":"2026-11-27T15:40:00Z","change":{"approved":{"draft":"d-1","revision":1}},"prev":"\#($0)","seq":11}"# }], recompute: false)
        let store = try temp.open()
        let problems = try ChainCheck(root: temp.root).run().problems
        for message in [try #require(store.chainBreak)] + problems {
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
        }
        #expect(store.chainBreak?.contains("by \u{FFFD}]0;owned\u{FFFD}priya\u{FFFD})") == true)
        #expect(problems.first?.contains("by \u{FFFD}]0;owned\u{FFFD}priya\u{FFFD})") == true)
    }
}
