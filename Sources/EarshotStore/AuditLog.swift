import EarshotCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Store {
    /// Every recorded event since `since`, oldest first: those compactions moved to
    /// `archive/events.jsonl`, then the journal. With `since`, the archive is read from
    /// the first stretch that can hold such an event (see `EventIndex`), so the cost
    /// follows what is asked for, not the age of the store. For audits and reports,
    /// never for start-up.
    public func history(since: Date? = nil) throws -> [Event] {
        var events = try archivedEvents(since: since)
        if let data = try DurableIO.read(files.journal) {
            events += try Self.parse(data, firstLine: 1, file: "journal.jsonl").events
        }
        var seen = Set<Int>()
        return events
            .filter { since == nil || $0.at >= since! }
            .filter { seen.insert($0.seq).inserted }
            .sorted { $0.seq < $1.seq }
    }

    /// The archive's events from where `since` needs them (all of them without it),
    /// extending the index over what the archive gained since it was last read.
    private func archivedEvents(since: Date?) throws -> [Event] {
        let fd = open(files.archivedEvents.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw StoreError.io(file: "archive/events.jsonl", operation: "open", errno: errno)
        }
        defer { close(fd) }
        let archive = EventIndex.Archive(fd: fd)
        var index = archive.flatMap { EventIndex.load(files, archive: $0, fd: fd) } ?? EventIndex()
        let (offset, line) = index.start(since: since)
        let data = try DurableIO.readAll(fd: fd, from: offset, file: "archive/events.jsonl")
        let chunk = try Self.parse(data, firstLine: line, file: "archive/events.jsonl")
        if let archive, offset + chunk.consumed > index.covered {
            index.extend(with: chunk, from: offset, firstLine: line)
            index.save(files, archive: archive, fd: fd)
        }
        return chunk.events
    }

    private static func parse(_ data: Data, firstLine: Int, file: String) throws -> JournalReader.Chunk {
        do {
            return try JournalReader.parse(data, firstLine: firstLine)
        } catch StoreError.malformed(_, let line, let detail) {
            throw StoreError.malformed(file: file, line: line, detail: detail)
        }
    }
}
