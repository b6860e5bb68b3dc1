import EarshotCore
import Foundation

/// `earshot fsck`: checks every file of a store and, when asked, repairs what can
/// be repaired without losing anything: damaged journal lines are moved aside
/// into `journal.rejected` (with their line numbers), never deleted. A check alone
/// writes nothing and takes no lock, so a user who can only read the store can run it.
public struct StoreCheck {
    public struct Report: Equatable {
        /// What is wrong, one sentence each.
        public var problems: [String] = []
        /// What was done about it, one sentence each.
        public var repairs: [String] = []
        /// Worth knowing, not wrong.
        public var notes: [String] = []
        public var events = 0
        public var ok: Bool { problems.isEmpty }
    }

    let files: StoreFiles

    public init(root: URL) { files = StoreFiles(root: root) }

    public func run(repair: Bool) throws -> Report {
        guard repair else { return try check(repairs: []) }
        // Repairs read the journal only once the lock is held, so a concurrent
        // append is never overwritten by an older read.
        return try FileLock(files.lock).withLock { try check(repairs: try setDamagedLinesAside()) }
    }

    private func check(repairs: [String]) throws -> Report {
        var report = Report()
        report.repairs = repairs
        let base: Store.Base
        do {
            // A check writes nothing, not even the cache.
            base = try Store.readBase(files, allowingVersion1: true, cache: .readOnly)
        } catch let error as StoreError {
            report.problems.append(error.description)
            return report
        }
        report.problems += base.warnings
        report.problems += base.workspace.config.problems().map { "store.json: \($0)" }
        let chain = try ChainCheck(root: files.root).run()
        report.problems += chain.problems
        report.notes += chain.notes
        report.events = chain.lines.filter { $0.file == "journal.jsonl" }.count
        if base.workspace.config.version >= StoreConfig.currentVersion {
            report.problems += danglingReferences(from: base.workspace, chain: chain)
        }
        return report
    }

    /// Moves unreadable and incomplete journal lines to journal.rejected. Lock held.
    private func setDamagedLinesAside() throws -> [String] {
        guard let data = try DurableIO.read(files.journal) else { return [] }
        var good = Data()
        var rejected = Data()
        var moved: [Int] = []
        let decoder = JSONFormat.decoder()
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let endsWithNewline = data.last == UInt8(ascii: "\n")
        let saved = ISO8601DateFormatter().string(from: Date())
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            let incomplete = index == lines.count - 1 && !endsWithNewline
            if incomplete || (try? decoder.decode(Event.self, from: line)) == nil {
                let why = incomplete ? "incomplete" : "not a valid event"
                rejected.append(Data("# journal.jsonl line \(number): \(why), set aside by fsck \(saved)\n".utf8) + line + Data("\n".utf8))
                moved.append(number)
                continue
            }
            good.append(line)
            good.append(UInt8(ascii: "\n"))
        }
        guard !moved.isEmpty else { return [] }
        try DurableIO.append(rejected, to: files.root.appendingPathComponent("journal.rejected"))
        try DurableIO.replace(files.journal, with: good)
        return ["moved journal.jsonl line(s) \(moved.map(String.init).joined(separator: ", ")) to journal.rejected; every other line was kept"]
    }

    /// Journal events about items or drafts the store does not hold: what is left
    /// when the line that created them was damaged, moved aside or removed.
    private func danglingReferences(from start: Workspace, chain: ChainCheck.Report) -> [String] {
        var ws = start
        var problems: [String] = []
        for line in chain.lines where line.file == "journal.jsonl" {
            guard let event = line.event, event.seq > start.seq else { continue }
            let here = "journal.jsonl line \(line.number) (seq \(event.seq))"
            for (kind, id) in Self.references(event.change) {
                let exists = kind == "item" ? ws.items[id] != nil : ws.drafts[id] != nil
                if !exists {
                    problems.append("\(here) refers to \(kind) \(Chain.quote(id)), which does not exist (the line that created it is damaged, set aside or missing)")
                }
            }
            ws.apply(event)
        }
        return problems
    }

    /// The items and drafts an event acts on (not those it creates).
    static func references(_ change: Change) -> [(String, String)] {
        switch change {
        case .triaged(let id, _, _), .assigned(let id, _), .tagged(let id, _, _), .noted(let id, _), .reverted(let id, _, _, _):
            [("item", id)]
        case .revised(let id, _), .submitted(let id, _), .approved(let id, _, _), .changesRequested(let id, _, _),
             .rejected(let id, _, _), .scheduled(let id, _), .expired(let id), .published(let id, _), .attached(let id, _),
             .sentBack(let id, _, _), .withdrawn(let id), .held(let id), .channelsChanged(let id, _),
             .deliveryStarted(let id, _, _), .delivered(let id, _, _, _), .deliveryFailed(let id, _, _, _, _),
             .deliveryRetried(let id, _), .deliveryWithdrawn(let id, _), .removalRequested(let id, _), .removed(let id, _):
            [("draft", id)]
        case .replyDrafted(let draft, _):
            draft.inReplyTo.map { [("item", $0)] } ?? []
        case .draftCreated(let draft):
            draft.inReplyTo.map { [("item", $0)] } ?? []
        default:
            // Creating and recording changes (received, refused, unknown, migrated) point at nothing.
            []
        }
    }
}
