import EarshotCore
import Foundation

/// Creating stores and finding them.
public enum StoreSetup {
    /// Creates an empty store at `root` with one admin. Refuses to touch a directory
    /// that already holds a store. Without `group` a new directory is its owner's alone
    /// (mode 0700: the service-account deployment); with one, the directory is given
    /// to that group, setgid and group-writable (the shared-group deployment), and
    /// every file Earshot makes in it follows. Never writes a `demo` block.
    public static func create(
        at root: URL, organisation: String, admin: StaffMember, timeZone: String? = nil, group: String? = nil
    ) throws {
        let files = StoreFiles(root: root)
        if FileManager.default.fileExists(atPath: files.config.path) {
            throw StoreError.malformed(file: files.config.path, line: nil, detail: "a store already exists here; nothing was changed")
        }
        var gid: gid_t?
        if let group {
            guard let entry = getgrnam(group) else {
                throw StoreError.notFound(path: group, hint: "There is no Unix group '\(group)'; create it first (groupadd) and add the staff to it.")
            }
            gid = entry.pointee.gr_gid
        }
        do {
            try FileManager.default.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(file: root.path, operation: "create", errno: Int32((error as NSError).code))
        }
        // A directory made beforehand (say `install -d -g staff -m 2770`) keeps the mode its admin gave it.
        let made = mkdir(root.path, 0o700) == 0
        if !made, errno != EEXIST {
            throw StoreError.io(file: root.path, operation: "create", errno: errno)
        }
        if let gid {
            guard chown(root.path, uid_t.max, gid) == 0 else {
                throw StoreError.io(file: root.path, operation: "give the group \(group ?? "") to", errno: errno)
            }
            chmod(root.path, 0o2770)
        } else if made {
            chmod(root.path, 0o700)
        }
        let config = StoreConfig(
            organisation: organisation, branches: [], channels: [], timeZone: timeZone ?? TimeZone.current.identifier)
        try write(files, config: config, staff: [admin],
                  snapshot: SnapshotFile(version: SnapshotFile.currentVersion, seq: 0, items: [], drafts: [], rollups: Rollups()))
    }

    /// The files of a new store, with `.lock` and the subdirectories made by Earshot
    /// (so their modes are right from the start). store.json last: its presence is
    /// what makes the directory a store.
    private static func write(_ files: StoreFiles, config: StoreConfig, staff: [StaffMember], snapshot: SnapshotFile) throws {
        let pretty = JSONFormat.encoder(pretty: true)
        try DurableIO.replace(files.staff, with: pretty.encode(StaffFile(version: 1, staff: staff)))
        try DurableIO.replace(files.snapshot, with: pretty.encode(snapshot))
        try DurableIO.replace(files.journal, with: Data())
        try DurableIO.replace(files.lock, with: Data())
        try DurableIO.replace(files.config, with: pretty.encode(config))
        for dir in [files.archive, files.outbox, files.root.appendingPathComponent("wip"), files.root.appendingPathComponent("sessions")] {
            try StoreDirectory.make(dir)
        }
    }

    /// Writes `workspace` as a new store at `root` (its state as the snapshot, an empty
    /// journal). Used for generated stores: benchmarks, tests, imports.
    public static func create(at root: URL, from workspace: Workspace) throws {
        let files = StoreFiles(root: root)
        if FileManager.default.fileExists(atPath: files.config.path) {
            throw StoreError.malformed(file: files.config.path, line: nil, detail: "a store already exists here; nothing was changed")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let snapshot = SnapshotFile(
            version: SnapshotFile.currentVersion, seq: workspace.seq,
            items: workspace.items.values.sorted { $0.id < $1.id },
            drafts: workspace.drafts.values.sorted { $0.id < $1.id },
            rollups: workspace.rollups, ledger: workspace.ledger)
        try write(files, config: workspace.config, staff: workspace.staff, snapshot: snapshot)
    }

    /// Where the console looks for a store: `--store`, then `$EARSHOT_STORE`, then
    /// `$XDG_DATA_HOME/earshot` (default `~/.local/share/earshot`).
    public static func location(flag: String?, environment: [String: String]) -> (url: URL, source: String) {
        if let flag, !flag.isEmpty { return (URL(fileURLWithPath: flag), "--store") }
        if let env = environment["EARSHOT_STORE"], !env.isEmpty { return (URL(fileURLWithPath: env), "$EARSHOT_STORE") }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return (URL(fileURLWithPath: data).appendingPathComponent("earshot"), "the XDG data directory")
    }
}
