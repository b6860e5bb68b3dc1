import EarshotCore
import Foundation

/// An open store: the session's view of the directory, kept current by `refresh()`,
/// and the only way to change it (`apply`). Not thread-safe; one per session.
public final class Store {
    public let files: StoreFiles
    public private(set) var workspace: Workspace
    /// Things worth telling the user that did not stop the store opening.
    public private(set) var warnings: [String] = []

    private let lock: FileLock
    /// Events folded into `workspace` since the last `takeNewEvents()`.
    private var unseen: [Event] = []
    /// Set when more arrived than is worth listing; the reader then rebuilds from scratch.
    private var unseenOverflowed = false
    private var journalOffset = 0
    private var journalLines = 0
    private var journalInode: UInt64 = 0

    /// Opens the store at `root`: reads store.json, staff.json, the snapshot and the
    /// journal tail. Never reads `archive/`.
    public init(at root: URL) throws {
        files = StoreFiles(root: root)
        guard FileManager.default.fileExists(atPath: files.config.path) else {
            throw StoreError.notFound(path: root.path, hint: "Create one with `earshot init \(root.path)`, or try `earshot --demo`.")
        }
        lock = try FileLock(files.lock)
        workspace = try Store.loadBase(files)
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
        switch Rules.decide(request, in: workspace, at: now) {
        case .success(let change):
            let event = Event(seq: workspace.seq + 1, at: now, actor: request.actor, basedOn: request.basedOn, change: change)
            try appendLocked(event)
            return .success(event)
        case .failure(let refusal):
            let event = Event(
                seq: workspace.seq + 1, at: now, actor: request.actor, basedOn: request.basedOn,
                change: .refused(command: request.command.summary, rule: refusal.rule, reason: refusal.message))
            // The refusal stands even if it cannot be recorded (a full disk).
            try? appendLocked(event)
            return .failure(refusal)
        }
    }

    /// Picks up events other sessions appended. Returns them, oldest first.
    @discardableResult
    public func refresh() throws -> [Event] {
        guard let id = DurableIO.identity(files.journal) else { return [] }
        if id.inode == journalInode, id.size == journalOffset { return [] }
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

    static func loadBase(_ files: StoreFiles) throws -> Workspace {
        guard let configData = try DurableIO.read(files.config) else {
            throw StoreError.notFound(path: files.root.path, hint: "store.json is missing.")
        }
        let config = try JSONFormat.decode(StoreConfig.self, from: configData, file: "store.json")
        guard config.format == StoreConfig.formatName else {
            throw StoreError.malformed(file: "store.json", line: nil, detail: "format is '\(config.format)', not '\(StoreConfig.formatName)'")
        }
        guard config.version <= StoreConfig.currentVersion else {
            throw StoreError.unsupportedVersion(file: "store.json", found: config.version, supported: StoreConfig.currentVersion)
        }
        let staffFile = try DurableIO.read(files.staff).map {
            try JSONFormat.decode(StaffFile.self, from: $0, file: "staff.json")
        } ?? StaffFile(version: 1, staff: [])
        var ws = Workspace(config: config, staff: staffFile.staff)
        if let data = try DurableIO.read(files.snapshot) {
            let snapshot = try JSONFormat.decode(SnapshotFile.self, from: data, file: "snapshot.json")
            guard snapshot.version <= SnapshotFile.currentVersion else {
                throw StoreError.unsupportedVersion(file: "snapshot.json", found: snapshot.version, supported: SnapshotFile.currentVersion)
            }
            ws = Workspace(
                config: config, staff: staffFile.staff, seq: snapshot.seq,
                items: Dictionary(snapshot.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                drafts: Dictionary(snapshot.drafts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                rollups: snapshot.rollups,
                ledger: try snapshot.ledger ?? Store.rebuildLedger(files, upTo: snapshot.seq, items: snapshot.items, drafts: snapshot.drafts))
        }
        return ws
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
                workspace = try Store.loadBase(files)
                unseenOverflowed = true
            }
            journalInode = UInt64(st.st_ino)
            journalOffset = 0
            journalLines = 0
        }
        let data = try DurableIO.readAll(fd: fd, from: journalOffset, file: "journal.jsonl")
        let chunk = try JournalReader.parse(data, firstLine: journalLines + 1)
        var fresh: [Event] = []
        for event in chunk.events where event.seq > workspace.seq {
            workspace.apply(event)
            fresh.append(event)
        }
        if unseen.count + fresh.count > 5_000 { unseenOverflowed = true } else { unseen += fresh }
        journalOffset += chunk.consumed
        journalLines += chunk.lines
        let tornWarning = "journal.jsonl line \(journalLines + 1) is incomplete (\(chunk.unterminated) bytes, a writer was killed mid-write); it was ignored and every complete event was kept"
        if chunk.unterminated > 0, !warnings.contains(tornWarning) {
            warnings.append(tornWarning)
        }
        return fresh
    }

    // MARK: Writing (lock held)

    private func catchUpLocked() throws {
        try readJournal()
        try repairTornTailLocked()
    }

    /// With the lock held no one else is writing, so bytes after the last newline can
    /// only be a torn write. Keep them in journal.torn, then cut them off so the next
    /// event starts on a line of its own.
    private func repairTornTailLocked() throws {
        guard let id = DurableIO.identity(files.journal), id.size > journalOffset else { return }
        let fd = open(files.journal.path, O_RDWR | O_CLOEXEC)
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
        journalInode = DurableIO.identity(files.journal)?.inode ?? 0
        journalOffset = 0
        journalLines = 0
    }

    /// Complete lines in the journal since the snapshot.
    public var journalEventCount: Int { journalLines }

    private func appendLocked(_ event: Event) throws {
        let line = try JournalReader.encode(event)
        try DurableIO.append(line, to: files.journal)
        // Our own line is read back by the next readJournal like anyone else's.
        try readJournal()
    }
}
