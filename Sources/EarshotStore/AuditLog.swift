import EarshotCore
import Foundation

extension Store {
    /// Every recorded event since `since`, oldest first: those compactions moved to
    /// `archive/events.jsonl`, then the journal. Reads the archive, so it is for
    /// audits and reports, never for start-up.
    public func history(since: Date? = nil) throws -> [Event] {
        var events: [Event] = []
        for (url, name) in [(files.archivedEvents, "archive/events.jsonl"), (files.journal, "journal.jsonl")] {
            guard let data = try DurableIO.read(url) else { continue }
            do {
                events += try JournalReader.parse(data, firstLine: 1).events
            } catch StoreError.malformed(_, let line, let detail) {
                throw StoreError.malformed(file: name, line: line, detail: detail)
            }
        }
        var seen = Set<Int>()
        return events
            .filter { since == nil || $0.at >= since! }
            .filter { seen.insert($0.seq).inserted }
            .sorted { $0.seq < $1.seq }
    }
}
