import EarshotCore
import Foundation

/// `earshot migrate`: brings a store to the current format. Never run silently:
/// opening an older store says to run it. Every file it rewrites is first copied
/// to `migrations/TIMESTAMP/`, and the step itself is recorded as an event.
public enum Migration {
    public struct Outcome {
        public var from: Int
        public var to: Int
        /// Where the old files were copied, relative to the store; nil when nothing was done.
        public var backup: String?
        public var events: Int
    }

    /// Version 1 → 2: every event line gains "prev" (the hash chain), the snapshot
    /// records the head it covers, store.json says version 2. Holds the writers' lock.
    public static func run(root: URL, actor: String, now: Date) throws -> Outcome {
        let files = StoreFiles(root: root)
        return try FileLock(files.lock).withLock {
            let base = try Store.readBase(files, allowingVersion1: true, cache: .ignore)
            let from = base.workspace.config.version
            guard from < StoreConfig.currentVersion else {
                return Outcome(from: from, to: from, backup: nil, events: 0)
            }
            let stamp = stampFormat(now)
            let backupName = "migrations/\(stamp)"
            let named: [(URL, String)] = [
                (files.config, "store.json"), (files.snapshot, "snapshot.json"),
                (files.archivedEvents, "archive/events.jsonl"), (files.journal, "journal.jsonl"),
            ]
            var originals: [String: Data] = [:]
            for (url, name) in named { originals[name] = try DurableIO.read(url) }

            // The chain runs through the archive, then the journal.
            var head = Chain.genesis
            var hashBySeq: [Int: String] = [:]
            var lastSeq = base.workspace.seq
            var rewritten: [String: Data] = [:]
            var count = 0
            for name in ["archive/events.jsonl", "journal.jsonl"] {
                guard let data = originals[name] else { continue }
                var out = Data()
                for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                    let (chained, event) = try chain(Data(line), prev: head, file: name, line: index + 1)
                    // Lines an interrupted compaction left in both files are chained once.
                    if name == "journal.jsonl", hashBySeq[event.seq] != nil { continue }
                    head = Chain.hash(chained)
                    hashBySeq[event.seq] = head
                    lastSeq = max(lastSeq, event.seq)
                    out.append(chained)
                    out.append(UInt8(ascii: "\n"))
                    count += 1
                }
                rewritten[name] = out
            }
            let step = Event(seq: lastSeq + 1, at: now, actor: actor, change: .migrated(from: from, to: StoreConfig.currentVersion, backup: backupName))
            var journal = rewritten["journal.jsonl"] ?? Data()
            journal.append(try JournalReader.encode(step, prev: head).line)

            // Every line was read and chained; only now is anything written, copies first.
            let backup = root.appendingPathComponent(backupName)
            try FileManager.default.createDirectory(at: backup.appendingPathComponent("archive"), withIntermediateDirectories: true)
            for (name, data) in originals { try DurableIO.replace(backup.appendingPathComponent(name), with: data) }
            if let data = originals["snapshot.json"] {
                var snapshot = try JSONFormat.decode(SnapshotFile.self, from: data, file: "snapshot.json")
                snapshot.version = SnapshotFile.currentVersion
                snapshot.head = hashBySeq[snapshot.seq]
                try DurableIO.replace(files.snapshot, with: JSONFormat.encoder(pretty: true).encode(snapshot))
            }
            if let archive = rewritten["archive/events.jsonl"] { try DurableIO.replace(files.archivedEvents, with: archive) }
            try DurableIO.replace(files.journal, with: journal)
            // store.json last: until it says version 2 the store reads as not yet migrated.
            try DurableIO.replace(files.config, with: try bumpVersion(originals["store.json"] ?? Data()))
            return Outcome(from: from, to: StoreConfig.currentVersion, backup: backupName, events: count)
        }
    }

    /// One old line with "prev" added. Lines this Earshot reads are written again in
    /// the usual form; any other JSON object keeps its bytes, with "prev" put in front.
    private static func chain(_ line: Data, prev: String, file: String, line number: Int) throws -> (Data, Event) {
        guard let event = try? JSONFormat.decoder().decode(Event.self, from: line) else {
            throw StoreError.malformed(file: file, line: number, detail: "not a valid event, so the store was not migrated; run `earshot fsck --repair` first")
        }
        if case .unknown = event.change, line.first == UInt8(ascii: "{") {
            var spliced = Data("{\"prev\":\"\(prev)\",".utf8)
            spliced.append(line.dropFirst())
            return (spliced, event)
        }
        var line = try JournalReader.encode(event, prev: prev).line
        line.removeLast()
        return (line, event)
    }

    /// store.json with `version` raised, every other setting as it was (unknown ones included).
    private static func bumpVersion(_ data: Data) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StoreError.malformed(file: "store.json", line: nil, detail: "not a JSON object")
        }
        object["version"] = StoreConfig.currentVersion
        var out = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        out.append(UInt8(ascii: "\n"))
        return out
    }

    private static func stampFormat(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
