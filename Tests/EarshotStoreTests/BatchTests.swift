import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

@Suite struct BatchTests {
    @Test func aSequenceRefusedPartWayLeavesNothingHalfApplied() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        // Create a draft, then submit it as someone who is not its author: the submit is
        // refused, so the creation must not stand either.
        let results = try store.applyBatch([
            Request(.createDraft(id: "d-9", channels: [.facebook], text: "Half term crafts", inReplyTo: nil), by: "aisha"),
            Request(.submit(draft: "d-9"), by: "ben"),
        ], at: Fixture.now, mode: .allOrNothing)
        #expect(results.count == 2)
        for result in results {
            guard case .failure(let refusal) = result else {
                Issue.record("every request of a refused sequence is answered with the refusal")
                continue
            }
            #expect(refusal.rule == "draft.submit")
        }
        #expect(store.workspace.drafts["d-9"] == nil)
        let lines = try temp.journalLines()
        #expect(lines.count == 1, "only the refusal is recorded")
        #expect(lines.first?.contains("\"refused\"") == true)
        #expect(try temp.open().workspace.drafts["d-9"] == nil)
    }

    @Test func eachModeSkipsRefusedAndKeepsTheRestInOneAppend() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let results = try store.applyBatch([
            Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1),
            Request(.triage(item: "i-3", to: .handled), by: "aisha", basedOn: 1), // already handled
            Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1),
        ], at: Fixture.now, mode: .each)
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(store.workspace.items["i-1"]?.status == .handled)
        #expect(store.workspace.items["i-2"]?.status == .handled)
        let seqs = results.compactMap { try? $0.get().seq }
        #expect(seqs == [11, 13], "the refusal between them took sequence 12")
        #expect(try temp.journalLines().count == 3)
    }

    @Test func aGiantCommentIsStoredCutShortWithItsWholeTextKeptAside() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let huge = String(repeating: "Книги ", count: 200_000) // 2.2 MB of two-byte letters
        var item = Fixture.item("i-big", text: huge)
        item.platformID = "p-big"
        let event = try store.apply(Request(.receive(item), by: "elena"), at: Fixture.now).get()
        guard case .received(let stored) = event.change else {
            Issue.record("expected a received event, got \(String(describing: event.change).prefix(300))")
            return
        }
        #expect(stored.truncated == true)
        #expect(stored.text.utf8.count < 70 * 1024)
        #expect(stored.text.hasSuffix("the whole text is in overflow/i-big.txt]"))
        let kept = try String(contentsOf: temp.root.appendingPathComponent("overflow/i-big.txt"), encoding: .utf8)
        let keptWhole = kept == huge // compared outside #expect, which would print both
        #expect(keptWhole)
        #expect(try temp.journalLines()[0].utf8.count < 80 * 1024)
    }
}
