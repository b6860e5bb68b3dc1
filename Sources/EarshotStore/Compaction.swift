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
            // Compacting a store that does not check out would make its damage permanent
            // (a missing snapshot's items, a forged line folded into the new snapshot).
            let check = try ChainCheck(root: files.root).run(journalOnly: true)
            if let problem = check.problems.first {
                throw StoreError.malformed(file: "the store", line: nil, detail: "compaction refused, the store does not check out: \(problem). Run `earshot fsck`")
            }
            var ws = workspace
            let cutoff = now.addingTimeInterval(-Double(archiveAfterDays) * 86_400)
            let threadRoots = Set(ws.items.values.filter(\.status.isOpen).compactMap(\.inReplyTo))
            // A reply still on its way out needs the comment it answers.
            let answered = Set(ws.drafts.values.filter { $0.state != .published && $0.state != .rejected }.compactMap(\.inReplyTo))
            let old = ws.items.values.filter {
                !$0.status.isOpen && ($0.changedAt ?? $0.receivedAt) < cutoff && !threadRoots.contains($0.id) && !answered.contains($0.id)
            }
            try Archive(files: files).append(old, calendar: ws.config.calendar)
            for item in old { ws.items[item.id] = nil }

            let snapshot = SnapshotFile(
                version: SnapshotFile.currentVersion, seq: ws.seq,
                items: ws.items.values.sorted { $0.id < $1.id },
                drafts: ws.drafts.values.sorted { $0.id < $1.id },
                rollups: ws.rollups, head: head, ledger: ws.ledger)
            // The events themselves are history: moved byte for byte to the archive, where
            // the chain goes on. Lines an interrupted compaction already moved are not moved
            // twice, and the first line moved must chain from the archive's last.
            let archivedLast = try Archive(files: files).lastEventLine()
            let archivedSeq = try archivedLast.map { try JSONFormat.decoder().decode(Event.self, from: $0).seq } ?? 0
            if let events = try DurableIO.read(files.journal), !events.isEmpty {
                var moving = Data()
                for record in try JournalReader.parse(events, firstLine: 1).records where record.event.seq > archivedSeq {
                    if moving.isEmpty, let archivedLast, record.event.prev != Chain.hash(archivedLast) {
                        throw StoreError.malformed(file: "journal.jsonl", line: record.line, detail: "compaction refused: this line does not chain from the last line of archive/events.jsonl. Run `earshot verify`")
                    }
                    moving.append(events[record.start..<record.end])
                }
                try FileManager.default.createDirectory(at: files.archive, withIntermediateDirectories: true)
                if !moving.isEmpty { try DurableIO.append(moving, to: files.archivedEvents) }
            }
            let json = try JSONFormat.encoder(pretty: true).encode(snapshot)
            // No cache may describe the snapshot being replaced; the new one is written
            // before the journal is emptied, so sessions that follow find it ready.
            SnapshotCache.remove(files)
            try DurableIO.replace(files.snapshot, with: json)
            Store.cacheCompacted(snapshot, json: json, in: files)
            try DurableIO.replace(files.journal, with: Data())
            replaceWorkspaceAfterCompaction(ws)
            // Each compaction leaves a signed checkpoint; a session that cannot read the
            // key (not the service account) compacts all the same.
            if head != Chain.genesis, (try? Checkpoint.write(files: files, seq: ws.seq, head: head, at: now)) == nil {
                warnings.append("compacted, but no checkpoint was signed: keys/checkpoint.ed25519 is not readable by this account")
            }
        }
    }

    /// `earshot checkpoint`: signs the chain's current head. Returns the file written.
    public func checkpoint(now: Date) throws -> URL {
        try withWriteLock {
            guard head != Chain.genesis else {
                throw StoreError.malformed(file: "journal.jsonl", line: nil, detail: "there is no event to sign yet")
            }
            return try Checkpoint.write(files: files, seq: workspace.seq, head: head, at: now)
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

    /// The last line of archive/events.jsonl (without its newline), read from the end
    /// so that compaction never reads the whole history.
    func lastEventLine() throws -> Data? {
        let fd = open(files.archivedEvents.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: "archive/events.jsonl", operation: "open", errno: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(file: "archive/events.jsonl", operation: "inspect", errno: errno) }
        let size = Int(st.st_size)
        var block = 1 << 16
        while true {
            let from = max(0, size - block)
            let tail = try DurableIO.readAll(fd: fd, from: from, file: "archive/events.jsonl")
            let body = tail.last == UInt8(ascii: "\n") ? tail.dropLast() : tail[...]
            if let newline = body.lastIndex(of: UInt8(ascii: "\n")) {
                let line = Data(body[body.index(after: newline)...])
                return line.isEmpty ? nil : line
            }
            if from == 0 { return body.isEmpty ? nil : Data(body) }
            block *= 4
        }
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
