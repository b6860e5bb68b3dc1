import EarshotCore
import Foundation

/// Demo is a mode of the copy `earshot --demo` makes, never a property a store can
/// carry. Making the copy writes a marker, `.earshot-demo.json`, into it; only a
/// directory holding a marker that passes `recognise` allows `--as` and runs on the
/// demo clock. A `demo` block in store.json is read from the seed when the copy is
/// made, and ignored everywhere else.
///
/// Why a copied marker gains nothing: the marker names the directory it was written
/// for (device and inode) and the user who made it, and it counts only in a directory
/// private to the person running Earshot (owned by them, no group or other access),
/// with the marker itself theirs and 0600. Copied into a real store, it names the
/// wrong directory; forged for one, the directory is not private to the forger (a
/// shared store is group-accessible; the service account's store belongs to the
/// service account, which never honours a marker in `earshot shell`). Whoever can
/// write as the owner of a private store can already change it at will.
public struct DemoCopy: Codable, Hashable, Sendable {
    public var version = 1
    /// When `earshot --demo` made the copy. The demo clock runs from here, for every
    /// session on the copy, for as long as it exists.
    public var createdAt: Date
    /// The moment the demo data was written for: the demo clock's start.
    public var clockAnchor: Date
    /// Who you are when your login is not in the copy's staff.json.
    public var defaultLogin: String
    public var device: UInt64
    public var inode: UInt64
    public var owner: UInt32

    public static let markerName = ".earshot-demo.json"

    /// The demo time at wall-clock time `now`.
    public func time(at now: Date) -> Date {
        clockAnchor.addingTimeInterval(now.timeIntervalSince(createdAt))
    }

    /// Copies `seed` (a store with a `demo` block) into a new private directory under
    /// `parent` and marks the copy as a demo.
    public static func make(from seed: URL, in parent: URL = FileManager.default.temporaryDirectory, now: Date = Date()) throws -> URL {
        let seedFiles = StoreFiles(root: seed)
        guard let data = try DurableIO.read(seedFiles.config) else {
            throw StoreError.notFound(path: seed.path, hint: "The demo seed is missing; is this a complete checkout?")
        }
        guard let demo = try JSONFormat.decode(StoreConfig.self, from: data, file: "store.json").demo else {
            throw StoreError.malformed(file: seedFiles.config.path, line: nil, detail: "has no demo block, so it is not a demo seed")
        }
        let target = parent.appendingPathComponent("earshot-demo-\(UUID().uuidString.prefix(8).lowercased())")
        guard mkdir(target.path, 0o700) == 0 else {
            throw StoreError.io(file: target.path, operation: "create", errno: errno)
        }
        chmod(target.path, 0o700)
        // The seed's snapshot cache, if a session ever made one, could only be stale in a copy.
        for name in try FileManager.default.contentsOfDirectory(atPath: seed.path) where name != markerName && name != "cache" {
            try FileManager.default.copyItem(at: seed.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        var st = stat()
        guard lstat(target.path, &st) == 0 else { throw StoreError.io(file: target.path, operation: "inspect", errno: errno) }
        let marker = DemoCopy(
            createdAt: now, clockAnchor: demo.clockAnchor, defaultLogin: demo.defaultLogin,
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), owner: st.st_uid)
        try DurableIO.replace(target.appendingPathComponent(markerName), with: JSONFormat.encoder(pretty: true).encode(marker), mode: 0o600)
        return target
    }

    /// The marker of `root` if `root` is a demo copy made by this user (see the type's
    /// comment for every check); nil for any other store.
    public static func recognise(_ root: URL) -> DemoCopy? {
        var dir = stat()
        guard lstat(root.path, &dir) == 0, dir.st_mode & S_IFMT == S_IFDIR,
              dir.st_uid == geteuid(), dir.st_mode & 0o077 == 0,
              let data = try? DurableIO.readOwn(root.appendingPathComponent(markerName)),
              let marker = try? JSONFormat.decoder().decode(DemoCopy.self, from: data),
              marker.device == UInt64(dir.st_dev), marker.inode == UInt64(dir.st_ino), marker.owner == dir.st_uid
        else { return nil }
        var file = stat()
        guard lstat(root.appendingPathComponent(markerName).path, &file) == 0, file.st_mode & 0o077 == 0 else { return nil }
        return marker
    }
}
