import EarshotCore
import Foundation

extension Store {
    /// The analytics ledger of a snapshot written without one: the archived events
    /// it covers, then the items and drafts no event told of. Runs once; the next
    /// compaction keeps the ledger in the snapshot.
    static func rebuildLedger(_ files: StoreFiles, upTo seq: Int, items: [InboxItem], drafts: [Draft]) throws -> Ledger {
        var events: [Event] = []
        if let data = try DurableIO.read(files.archivedEvents) {
            do {
                events = try JournalReader.parse(data, firstLine: 1).events.filter { $0.seq <= seq }
            } catch StoreError.malformed(_, let line, let detail) {
                throw StoreError.malformed(file: "archive/events.jsonl", line: line, detail: detail)
            }
        }
        var seen = Set<Int>()
        events = events.filter { seen.insert($0.seq).inserted }.sorted { $0.seq < $1.seq }
        let archive = Archive(files: files)
        let archived = try archive.months().flatMap { try archive.items(month: $0) }
        return Ledger.build(events: events, items: items + archived, drafts: drafts)
    }
}
