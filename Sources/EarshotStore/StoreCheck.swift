import EarshotCore
import Foundation

/// `earshot fsck`: checks every file of a store and, when asked, repairs what can
/// be repaired without losing anything: damaged journal lines are moved aside
/// into `journal.rejected` (with their line numbers), never deleted.
public struct StoreCheck {
    public struct Report: Equatable {
        /// What is wrong, one sentence each.
        public var problems: [String] = []
        /// What was done about it, one sentence each.
        public var repairs: [String] = []
        public var events = 0
        public var ok: Bool { problems.isEmpty }
    }

    let files: StoreFiles

    public init(root: URL) { files = StoreFiles(root: root) }

    public func run(repair: Bool) throws -> Report {
        var report = Report()
        // The whole-file JSON documents: a problem here needs a person; say where.
        do {
            _ = try Store.loadBaseForCheck(files)
        } catch let error as StoreError {
            report.problems.append(error.description)
            return report
        }
        guard let data = try DurableIO.read(files.journal) else { return report }
        let lock = try FileLock(files.lock)
        return try lock.withLock {
            var good = Data()
            var rejected = Data()
            var lastSeq = 0
            let decoder = JSONFormat.decoder()
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let endsWithNewline = data.last == UInt8(ascii: "\n")
            for (index, line) in lines.enumerated() {
                let number = index + 1
                if line.isEmpty { continue }
                let isLast = index == lines.count - 1
                if isLast && !endsWithNewline {
                    report.problems.append("journal.jsonl line \(number) is incomplete (\(line.count) bytes): a writer was killed mid-write")
                    rejected.append(Data("# line \(number): incomplete\n".utf8) + line + Data("\n".utf8))
                    continue
                }
                guard let event = try? decoder.decode(Event.self, from: line) else {
                    report.problems.append("journal.jsonl line \(number) is not a valid event")
                    rejected.append(Data("# line \(number): not a valid event\n".utf8) + line + Data("\n".utf8))
                    continue
                }
                if event.seq <= lastSeq {
                    report.problems.append("journal.jsonl line \(number) repeats or reorders sequence \(event.seq) (after \(lastSeq))")
                }
                lastSeq = max(lastSeq, event.seq)
                report.events += 1
                good.append(line)
                good.append(UInt8(ascii: "\n"))
            }
            if repair && !rejected.isEmpty {
                try DurableIO.append(rejected, to: files.root.appendingPathComponent("journal.rejected"))
                try DurableIO.replace(files.journal, with: good)
                report.repairs.append("moved \(report.problems.count) damaged journal line(s) to journal.rejected; kept \(report.events) events in journal.jsonl")
            }
            return report
        }
    }
}

extension Store {
    /// Reads store.json, staff.json and snapshot.json as opening does, for `fsck`.
    static func loadBaseForCheck(_ files: StoreFiles) throws -> Workspace {
        try loadBase(files)
    }
}
