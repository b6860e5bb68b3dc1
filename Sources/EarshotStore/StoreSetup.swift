import EarshotCore
import Foundation

/// Creating stores and finding them.
public enum StoreSetup {
    /// Creates an empty store at `root` with one admin. Refuses to touch a directory
    /// that already holds a store.
    public static func create(at root: URL, organisation: String, admin: StaffMember, timeZone: String? = nil) throws {
        let files = StoreFiles(root: root)
        if FileManager.default.fileExists(atPath: files.config.path) {
            throw StoreError.malformed(file: files.config.path, line: nil, detail: "a store already exists here; nothing was changed")
        }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(file: root.path, operation: "create", errno: Int32((error as NSError).code))
        }
        let config = StoreConfig(
            organisation: organisation, branches: [], channels: [], timeZone: timeZone ?? TimeZone.current.identifier)
        let pretty = JSONFormat.encoder(pretty: true)
        try DurableIO.replace(files.staff, with: pretty.encode(StaffFile(version: 1, staff: [admin])))
        let snapshot = SnapshotFile(version: SnapshotFile.currentVersion, seq: 0, items: [], drafts: [], rollups: Rollups())
        try DurableIO.replace(files.snapshot, with: pretty.encode(snapshot))
        try DurableIO.replace(files.journal, with: Data())
        // store.json last: its presence is what makes the directory a store.
        try DurableIO.replace(files.config, with: pretty.encode(config))
    }

    /// Writes `workspace` as a new store at `root` (its state as the snapshot, an empty
    /// journal). Used for generated stores: benchmarks, tests, imports.
    public static func create(at root: URL, from workspace: Workspace) throws {
        let files = StoreFiles(root: root)
        if FileManager.default.fileExists(atPath: files.config.path) {
            throw StoreError.malformed(file: files.config.path, line: nil, detail: "a store already exists here; nothing was changed")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let pretty = JSONFormat.encoder(pretty: true)
        try DurableIO.replace(files.staff, with: pretty.encode(StaffFile(version: 1, staff: workspace.staff)))
        let snapshot = SnapshotFile(
            version: SnapshotFile.currentVersion, seq: workspace.seq,
            items: workspace.items.values.sorted { $0.id < $1.id },
            drafts: workspace.drafts.values.sorted { $0.id < $1.id },
            rollups: workspace.rollups, ledger: workspace.ledger)
        try DurableIO.replace(files.snapshot, with: pretty.encode(snapshot))
        try DurableIO.replace(files.journal, with: Data())
        try DurableIO.replace(files.config, with: pretty.encode(workspace.config))
    }

    /// Copies a store directory (the demo seed) to a fresh temporary directory.
    public static func temporaryCopy(of seed: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: StoreFiles(root: seed).config.path) else {
            throw StoreError.notFound(path: seed.path, hint: "The demo seed is missing; is this a complete checkout?")
        }
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("earshot-demo-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.copyItem(at: seed, to: target)
        return target
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
