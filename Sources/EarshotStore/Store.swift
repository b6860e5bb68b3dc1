import EarshotCore
import Foundation

/// An open store: the session's view of the directory, kept current by `refresh()`,
/// and the only way to change it (`apply`). Not thread-safe; one per session.
public final class Store {
    public let files: StoreFiles
    public private(set) var workspace: Workspace
    /// Things worth telling the user that did not stop the store opening.
    public internal(set) var warnings: [String] = []

    let lock: FileLock
    /// This session's presence files, each held locked while the session lives.
    let presenceFiles = PresenceFiles()
    /// Events folded into `workspace` since the last `takeNewEvents()`.
    private var unseen: [Event] = []
    /// Set when more arrived than is worth listing; the reader then rebuilds from scratch.
    private var unseenOverflowed = false
    private var journalOffset = 0
    private var journalLines = 0
    private var journalInode: UInt64 = 0
    /// The hash the next journal line must carry in "prev" (the chain's head as read).
    private(set) var head = Chain.genesis
    /// The snapshot's sequence: journal lines at or below it are already in the workspace.
    private var baseSeq = 0
    /// Journal size when a line was found not to chain; reading stops before that line
    /// and writing is refused until `earshot verify`/`fsck` have been looked at.
    private var brokenAtSize: Int?
    /// Why the journal is not being followed past a line, when it is not.
    public private(set) var chainBreak: String?

    /// Opens the store at `root`: reads store.json, staff.json, the snapshot and the
    /// journal tail. Never reads `archive/`.
    public init(at root: URL) throws {
        files = StoreFiles(root: root)
        guard FileManager.default.fileExists(atPath: files.config.path) else {
            throw StoreError.notFound(path: root.path, hint: "Create one with `earshot init \(root.path)`, or try `earshot --demo`.")
        }
        lock = try FileLock(files.lock)
        let base = try Store.readBase(files)
        workspace = base.workspace
        head = base.head
        baseSeq = base.workspace.seq
        warnings += base.warnings
        warnings += workspace.config.problems().map { "store.json: \($0)" }
        try readJournal()
        // What was there at opening is the starting point, not news.
        unseen.removeAll()
    }

    // MARK: Changing the store

    /// Checks `request` against the rules on the newest state and, if allowed,
    /// appends its event durably. A refusal is appended too (audit), then returned.
    /// Throws only when the disk refuses; the store is then unchanged.
    public func apply(_ request: Request, at now: Date) throws -> Result<Event, Refusal> {
        try lock.withLock {
            try catchUpLocked()
            return try applyLocked(request, at: now)
        }
    }

    /// `apply` for callers that already hold the lock and have caught up.
    func applyLocked(_ request: Request, at now: Date) throws -> Result<Event, Refusal> {
        try applyBatchLocked([request], at: now, mode: .allOrNothing)[0]
    }

    /// How a batch treats a refusal (see `EarshotCore.BatchMode`).
    public typealias BatchMode = EarshotCore.BatchMode

    /// Decides every request in order on the newest state, under one lock, and appends
    /// all resulting events with one write and one fsync. Returns one result per
    /// request. In `.allOrNothing` mode a refusal leaves the store as it was (bar the
    /// recorded refusal) and every request of the batch is answered with that refusal.
    public func applyBatch(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>] {
        guard !requests.isEmpty else { return [] }
        return try lock.withLock {
            try catchUpLocked()
            return try applyBatchLocked(requests, at: now, mode: mode)
        }
    }

    func applyBatchLocked(_ requests: [Request], at now: Date, mode: BatchMode) throws -> [Result<Event, Refusal>] {
        let decision = try Rules.decide(batch: requests, in: workspace, at: now, mode: mode, prepare: boundLocked)
        if mode == .allOrNothing, decision.results.contains(where: { (try? $0.get()) == nil }) {
            // The refusal stands even if it cannot be recorded (a full disk).
            try? appendLocked(decision.events)
        } else {
            // The events reach `workspace` itself by the journal read-back.
            try appendLocked(decision.events)
        }
        return decision.results
    }

    /// Picks up events other sessions appended. Returns them, oldest first.
    @discardableResult
    public func refresh() throws -> [Event] {
        guard let id = DurableIO.identity(files.journal) else { return [] }
        if id.inode == journalInode, id.size == journalOffset || id.size == brokenAtSize { return [] }
        return try readJournal()
    }

    /// Every event folded into `workspace` since the last call, ours and other
    /// sessions' alike; nil when there were too many to list (start over from `workspace`).
    public func takeNewEvents() -> [Event]? {
        defer {
            unseen.removeAll()
            unseenOverflowed = false
        }
        return unseenOverflowed ? nil : unseen
    }

    // MARK: Reading

    /// What opening starts from: the settings, the staff, the snapshot and the chain
    /// head the snapshot covers.
    struct Base {
        var workspace: Workspace
        /// The hash the first journal line after the snapshot must carry.
        var head: String
        var hasSnapshot: Bool
        /// Settings that could not be read and are ignored, each with its JSON path.
        var warnings: [String]
        /// Whether the snapshot came from `cache/snapshot.bin`, or why not.
        var cache: SnapshotCache.Outcome = .notUsed
    }

    static func loadBase(_ files: StoreFiles) throws -> Workspace {
        try readBase(files).workspace
    }

    /// Reads store.json, staff.json and snapshot.json (through its cache, as `cache`
    /// allows). A version-1 store (journal without a chain) is refused with the way
    /// forward unless `allowingVersion1`.
    static func readBase(_ files: StoreFiles, allowingVersion1: Bool = false, cache: SnapshotCache.Use = .readWrite) throws -> Base {
        guard let configData = try DurableIO.read(files.config) else {
            throw StoreError.notFound(path: files.root.path, hint: "store.json is missing.")
        }
        let (config, ignored) = try ConfigReader.decode(configData)
        guard config.format == StoreConfig.formatName else {
            throw StoreError.malformed(file: "store.json", line: nil, detail: "format is '\(config.format)', not '\(StoreConfig.formatName)'")
        }
        guard config.version <= StoreConfig.currentVersion else {
            throw StoreError.unsupportedVersion(file: "store.json", found: config.version, supported: StoreConfig.currentVersion)
        }
        if config.version < StoreConfig.currentVersion, !allowingVersion1 {
            throw StoreError.malformed(
                file: "store.json", line: nil,
                detail: "this store is format version \(config.version), whose journal has no hash chain; run `earshot migrate --store \(files.root.path)` once to bring it to version \(StoreConfig.currentVersion) (it keeps a copy of every file it rewrites in migrations/)")
        }
        let staffFile = try DurableIO.read(files.staff).map {
            try JSONFormat.decode(StaffFile.self, from: $0, file: "staff.json")
        } ?? StaffFile(version: 1, staff: [])
        var ws = Workspace(config: config, staff: staffFile.staff)
        var head = Chain.genesis
        let (read, outcome) = try readSnapshot(files, use: cache)
        if let snapshot = read {
            guard snapshot.version <= SnapshotFile.currentVersion else {
                throw StoreError.unsupportedVersion(file: "snapshot.json", found: snapshot.version, supported: SnapshotFile.currentVersion)
            }
            ws = Workspace(
                config: config, staff: staffFile.staff, seq: snapshot.seq, items: snapshot.items, drafts: snapshot.drafts,
                rollups: snapshot.rollups,
                ledger: try snapshot.ledger ?? Store.rebuildLedger(files, upTo: snapshot.seq, items: snapshot.orderedItems ?? [], drafts: snapshot.orderedDrafts))
            head = snapshot.head ?? Chain.genesis
        }
        return Base(workspace: ws, head: head, hasSnapshot: read != nil, warnings: ignored, cache: outcome)
    }

    /// `list` by id; of two with one id the first is kept.
    static func keyed<T>(_ list: [T], by id: (T) -> String) -> [String: T] {
        var result = [String: T](minimumCapacity: list.count)
        for value in list.reversed() { result[id(value)] = value }
        return result
    }

    /// Reads the journal from where this session stopped; starts over (snapshot and
    /// all) when the file was replaced by a compaction.
    @discardableResult
    private func readJournal() throws -> [Event] {
        let fd = open(files.journal.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw StoreError.io(file: "journal.jsonl", operation: "open", errno: errno)
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        if UInt64(st.st_ino) != journalInode {
            if journalInode != 0 {
                let base = try Store.readBase(files)
                workspace = base.workspace
                head = base.head
                baseSeq = base.workspace.seq
                unseenOverflowed = true
            }
            journalInode = UInt64(st.st_ino)
            journalOffset = 0
            journalLines = 0
            brokenAtSize = nil
            chainBreak = nil
        }
        let data = try DurableIO.readAll(fd: fd, from: journalOffset, file: "journal.jsonl")
        let chunk = try JournalReader.parse(data, firstLine: journalLines + 1)
        var fresh: [Event] = []
        var consumed = chunk.consumed
        var lines = chunk.lines
        for record in chunk.records {
            // Lines the snapshot already holds (a compaction cut short) are not re-checked here.
            if record.event.seq <= baseSeq && record.event.prev != head { continue }
            guard record.event.prev == head else {
                refuseToFollow(record, size: journalOffset + data.count)
                consumed = record.start
                lines = record.line - journalLines - 1
                break
            }
            head = record.hash
            if record.event.seq > workspace.seq {
                workspace.apply(record.event)
                fresh.append(record.event)
            }
        }
        if unseen.count + fresh.count > 5_000 { unseenOverflowed = true } else { unseen += fresh }
        journalOffset += consumed
        journalLines += lines
        let tornWarning = "journal.jsonl line \(journalLines + 1) is incomplete (\(chunk.unterminated) bytes, a writer was killed mid-write); it was ignored and every complete event was kept"
        if chunk.unterminated > 0, !warnings.contains(tornWarning) {
            warnings.append(tornWarning)
        }
        return fresh
    }

    /// Stops following the journal before a line that does not chain, and says so once.
    private func refuseToFollow(_ record: JournalReader.Record, size: Int) {
        brokenAtSize = size
        let text = "journal.jsonl line \(record.line) (seq \(record.event.seq), by \(Chain.quote(record.event.actor))) does not chain from the line before it, so it and everything after it were not read; changes are refused until the store is checked. Run `earshot verify`."
        chainBreak = text
        if !warnings.contains(text) { warnings.append(text) }
    }

    // MARK: Writing (lock held)

    private func catchUpLocked() throws {
        try readJournal()
        // Past a line that does not chain nothing is written, and nothing is cut off as torn.
        if let chainBreak { throw StoreError.malformed(file: "journal.jsonl", line: nil, detail: chainBreak) }
        try repairTornTailLocked()
    }

    /// With the lock held no one else is writing, so bytes after the last newline can
    /// only be a torn write. Keep them in journal.torn, then cut them off so the next
    /// event starts on a line of its own.
    private func repairTornTailLocked() throws {
        guard let id = DurableIO.identity(files.journal), id.size > journalOffset else { return }
        let fd = open(files.journal.path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 { throw StoreError.io(file: "journal.jsonl", operation: "open", errno: errno) }
        defer { close(fd) }
        let tail = try DurableIO.readAll(fd: fd, from: journalOffset, file: "journal.jsonl")
        var kept = Data("# torn tail after line \(journalLines), saved \(ISO8601DateFormatter().string(from: Date()))\n".utf8)
        kept.append(tail)
        kept.append(UInt8(ascii: "\n"))
        try DurableIO.append(kept, to: files.torn)
        if ftruncate(fd, off_t(journalOffset)) != 0 {
            throw StoreError.io(file: "journal.jsonl", operation: "repair", errno: errno)
        }
        try DurableIO.sync(fd: fd, file: "journal.jsonl")
        warnings.removeAll { $0.hasPrefix("journal.jsonl line") }
        warnings.append("a torn last line of journal.jsonl (\(tail.count) bytes) was moved to journal.torn")
    }

    /// Runs `body` holding the writers' lock, on the newest state.
    func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try catchUpLocked()
            return try body()
        }
    }

    /// After a compaction this session's own journal position starts over.
    func replaceWorkspaceAfterCompaction(_ ws: Workspace) {
        workspace = ws
        baseSeq = ws.seq
        journalInode = DurableIO.identity(files.journal)?.inode ?? 0
        journalOffset = 0
        journalLines = 0
    }

    /// Complete lines in the journal since the snapshot.
    public var journalEventCount: Int { journalLines }

    /// The one way events reach the journal: every line in one write, one fsync.
    private func appendLocked(_ events: [Event]) throws {
        guard !events.isEmpty else { return }
        // Writing after a line that does not chain would bury the break under good lines.
        if let chainBreak { throw StoreError.malformed(file: "journal.jsonl", line: nil, detail: chainBreak) }
        var lines = Data()
        var prev = head
        for event in events {
            let encoded = try JournalReader.encode(event, prev: prev)
            lines.append(encoded.line)
            prev = encoded.hash
        }
        try DurableIO.append(lines, to: files.journal)
        // Our own lines are read back by the next readJournal like anyone else's.
        try readJournal()
    }
}
