import EarshotCore
import Foundation

/// `earshot verify`: walks the whole hash chain (archive/events.jsonl, then
/// journal.jsonl), checks sequences, the snapshot's head and signed checkpoints,
/// and names the first line that is not as Earshot wrote it. Reads only.
public struct ChainCheck {
    /// One event line as found, with where it is.
    public struct Line {
        public var file: String
        public var number: Int
        public var hash: String
        /// Nil when the line is not a readable event.
        public var event: Event?
    }

    public struct Report {
        /// What is wrong; the first one names the first bad line.
        public var problems: [String] = []
        /// Worth knowing, not wrong (unknown event kinds, events not yet signed).
        public var notes: [String] = []
        /// The chain, in order, duplicates left by an interrupted compaction removed.
        public var lines: [Line] = []
        public var checkpointsChecked = 0
        public var ok: Bool { problems.isEmpty }
        public var events: Int { lines.count }
    }

    let files: StoreFiles

    public init(root: URL) { files = StoreFiles(root: root) }

    /// Checks everything; `extraCheckpoints` are files copied off the host.
    /// `journalOnly` (for compaction, which must stay quick however old the store)
    /// checks the journal against the snapshot and leaves the archive and checkpoints out.
    public func run(extraCheckpoints: [URL] = [], journalOnly: Bool = false) throws -> Report {
        var report = Report()
        let base: Store.Base
        do {
            base = try Store.readBase(files, allowingVersion1: true, cache: .readOnly)
        } catch let error as StoreError {
            report.problems.append(error.description)
            return report
        }
        if base.workspace.config.version < StoreConfig.currentVersion {
            report.problems.append("store.json is format version \(base.workspace.config.version): its journal has no hash chain to check. Run `earshot migrate`.")
            return report
        }
        walk(into: &report, from: journalOnly ? base.workspace.seq : nil)
        checkSnapshot(base, into: &report)
        if !journalOnly { try Checkpoint.check(files: files, extra: extraCheckpoints, against: &report) }
        let unknown = report.lines.compactMap { line -> String? in
            if case .unknown(let kind)? = line.event?.change { return "\(line.file) line \(line.number) (\(Chain.quote(kind)))" }
            return nil
        }
        if !unknown.isEmpty {
            report.notes.append("\(unknown.count) event(s) of a kind this Earshot does not know were kept as written: " + unknown.prefix(5).joined(separator: ", "))
        }
        return report
    }

    /// Follows "prev" from line to line and seq from event to event. With
    /// `snapshotSeq`, only the journal, skipping lines the snapshot already holds.
    private func walk(into report: inout Report, from snapshotSeq: Int?) {
        var expected = Chain.genesis
        var lastSeq: Int?
        var archived: [Int: String] = [:]
        let decoder = JSONFormat.decoder()
        let sources = [(files.archivedEvents, "archive/events.jsonl"), (files.journal, "journal.jsonl")]
        for (url, name) in snapshotSeq == nil ? sources : [sources[1]] {
            guard let data = try? DurableIO.read(url) else { continue }
            let isJournal = name == "journal.jsonl"
            var number = 0
            var start = data.startIndex
            while start < data.endIndex {
                number += 1
                guard let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                    report.problems.append("\(name) line \(number) is incomplete (\(data.endIndex - start) bytes): a writer was killed mid-write")
                    break
                }
                let bytes = data[start..<newline]
                start = data.index(after: newline)
                if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                let hash = Chain.hash(bytes)
                let event = try? decoder.decode(Event.self, from: bytes)
                // A compaction cut short leaves lines in the journal it had already archived.
                if isJournal, let event, archived[event.seq] == hash { continue }
                if let snapshotSeq, let event, event.seq <= snapshotSeq, report.lines.isEmpty { continue }
                let line = Line(file: name, number: number, hash: hash, event: event)
                guard let event else {
                    report.problems.append("\(name) line \(number) is not a valid event")
                    expected = hash
                    report.lines.append(line)
                    continue
                }
                // The first line chains from genesis, or from the snapshot the store was created with.
                let chains = report.lines.isEmpty ? (event.prev == Chain.genesis || isRoot(event)) : event.prev == expected
                if !chains {
                    report.problems.append(breakMessage(line, event, expected: expected, previous: report.lines.last))
                }
                if let lastSeq, event.seq != lastSeq + 1 {
                    let what = event.seq <= lastSeq ? "repeats or goes back to" : "jumps from \(lastSeq) to"
                    report.problems.append("\(name) line \(number) \(what) seq \(event.seq): \(event.seq <= lastSeq ? "two events with one number" : "events \(lastSeq + 1)–\(event.seq - 1) are missing")")
                }
                lastSeq = max(lastSeq ?? 0, event.seq)
                if !isJournal { archived[event.seq] = hash }
                expected = hash
                report.lines.append(line)
            }
        }
    }

    /// True when the store was created from a snapshot and this first line chains
    /// from the head that snapshot recorded.
    private func isRoot(_ event: Event) -> Bool {
        guard let data = try? DurableIO.read(files.snapshot),
              let snapshot = try? JSONFormat.decoder().decode(SnapshotFile.self, from: data)
        else { return false }
        return event.seq == snapshot.seq + 1 && event.prev == (snapshot.head ?? Chain.genesis)
    }

    private func breakMessage(_ line: Line, _ event: Event, expected: String, previous: Line?) -> String {
        let here = "\(line.file) line \(line.number) (seq \(event.seq), by \(Chain.quote(event.actor)))"
        guard let previous else {
            return "\(here) does not chain: it is the first event but its prev is \(Chain.short(event.prev)), not the genesis value or the snapshot's head"
        }
        let before = "\(previous.file) line \(previous.number)"
        return "\(here) does not chain: its prev is \(Chain.short(event.prev)) but \(before) hashes to \(Chain.short(expected)). Either \(before) was changed after it was written, or \(line.file) line \(line.number) was not written by Earshot"
    }

    /// The snapshot must exist when the chain does not start at seq 1, and the head
    /// it records must be the hash of the line at its seq.
    private func checkSnapshot(_ base: Store.Base, into report: inout Report) {
        let seq = base.workspace.seq
        let firstSeq = report.lines.first?.event?.seq
        if !base.hasSnapshot {
            if let firstSeq, firstSeq != 1 {
                report.problems.append("snapshot.json is missing, and the recorded history starts at seq \(firstSeq): the items and drafts of events 1–\(firstSeq - 1) were only in the snapshot. Restore snapshot.json from a backup; do not compact")
            }
            return
        }
        if let line = report.lines.first(where: { $0.event?.seq == seq }) {
            if line.hash != base.head {
                report.problems.append("snapshot.json covers seq \(seq) with head \(Chain.short(base.head)), but \(line.file) line \(line.number) (seq \(seq)) hashes to \(Chain.short(line.hash)): the snapshot and the journal disagree")
            }
        } else if let first = report.lines.first?.event, first.seq > seq + 1 {
            report.problems.append("snapshot.json covers up to seq \(seq) but the recorded history starts at seq \(first.seq): events \(seq + 1)–\(first.seq - 1) are missing")
        } else if let first = report.lines.first?.event, first.seq == seq + 1, first.prev != base.head, first.prev != Chain.genesis {
            report.problems.append("snapshot.json's head \(Chain.short(base.head)) is not what \(report.lines[0].file) line \(report.lines[0].number) chains from")
        } else if seq > 0, let last = report.lines.last?.event, last.seq < seq {
            report.problems.append("snapshot.json covers up to seq \(seq) but the recorded history ends at seq \(last.seq): events were removed")
        }
    }
}
