import EarshotCore
import Foundation

extension Store {
    /// Journal length past which opening a store compacts it.
    public static let compactionThreshold = 5_000

    /// Writes the current state as the snapshot and starts an empty journal; closed
    /// items untouched for `archiveAfterDays` move to `archive/YYYY-MM.jsonl` first.
    /// Safe against crashes at any step: the snapshot names the last sequence it
    /// holds, and journal events at or below it are skipped on load.
    public func compact(now: Date, archiveAfterDays: Int = 30) throws {
        try withWriteLock {
            var ws = workspace
            let cutoff = now.addingTimeInterval(-Double(archiveAfterDays) * 86_400)
            let threadRoots = Set(ws.items.values.filter(\.status.isOpen).compactMap(\.inReplyTo))
            let old = ws.items.values.filter {
                !$0.status.isOpen && ($0.changedAt ?? $0.receivedAt) < cutoff && !threadRoots.contains($0.id)
            }
            try Archive(files: files).append(old, calendar: ws.config.calendar)
            for item in old { ws.items[item.id] = nil }

            let snapshot = SnapshotFile(
                version: SnapshotFile.currentVersion, seq: ws.seq,
                items: ws.items.values.sorted { $0.id < $1.id },
                drafts: ws.drafts.values.sorted { $0.id < $1.id },
                rollups: ws.rollups, ledger: ws.ledger)
            // The events themselves are history: kept in the archive for audits, never dropped.
            if let events = try DurableIO.read(files.journal), !events.isEmpty {
                try FileManager.default.createDirectory(at: files.archive, withIntermediateDirectories: true)
                try DurableIO.append(events, to: files.archivedEvents)
            }
            try DurableIO.replace(files.snapshot, with: JSONFormat.encoder(pretty: true).encode(snapshot))
            try DurableIO.replace(files.journal, with: Data())
            replaceWorkspaceAfterCompaction(ws)
        }
    }

    /// Compacts when the journal has grown long, so start-up stays fast.
    public func compactIfNeeded(now: Date) throws {
        if journalEventCount >= Self.compactionThreshold { try compact(now: now) }
    }
}

/// Closed items moved out of the hot set. Read only when asked for.
public struct Archive {
    let files: StoreFiles

    public init(files: StoreFiles) { self.files = files }

    /// Months that have an archive file, newest first.
    public func months() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: files.archive.path)) ?? []
        return names.filter { $0.range(of: #"^\d{4}-\d{2}\.jsonl$"#, options: .regularExpression) != nil }
            .map { String($0.dropLast(6)) }.sorted(by: >)
    }

    /// The items archived for a month ("2026-10"). Lines repeated by an interrupted
    /// compaction are read once.
    public func items(month: String) throws -> [InboxItem] {
        let url = files.archiveFile(month: month)
        guard let data = try DurableIO.read(url) else { return [] }
        var seen = Set<String>()
        var items: [InboxItem] = []
        let decoder = JSONFormat.decoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                let item = try decoder.decode(InboxItem.self, from: line)
                if seen.insert(item.id).inserted { items.append(item) }
            } catch let error as DecodingError {
                throw StoreError.malformed(file: "archive/\(month).jsonl", line: index + 1, detail: JSONFormat.explain(error))
            }
        }
        return items
    }

    func append(_ items: [InboxItem], calendar: Calendar) throws {
        guard !items.isEmpty else { return }
        try FileManager.default.createDirectory(at: files.archive, withIntermediateDirectories: true)
        let byMonth = Dictionary(grouping: items) { String(Rollups.dayKey($0.receivedAt, calendar: calendar).prefix(7)) }
        let encoder = JSONFormat.encoder(pretty: false)
        for (month, group) in byMonth {
            var data = Data()
            for item in group.sorted(by: { $0.id < $1.id }) {
                data.append(try encoder.encode(item))
                data.append(UInt8(ascii: "\n"))
            }
            try DurableIO.append(data, to: files.archiveFile(month: month))
        }
    }
}
