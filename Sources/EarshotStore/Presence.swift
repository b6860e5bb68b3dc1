import EarshotCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is looking at what, right now, in other sessions. Not history, so not in
/// the journal: each session keeps one small file in `sessions/`.
///
/// A session's file counts while its process holds an flock on it. The kernel drops
/// the lock when the process ends, however it ends, so a killed session fades out
/// without anyone writing a heartbeat, and an idle session never writes at all.
/// (`InMemoryStore` has no processes: there an entry older than `lifetime` is stale.)
public struct Presence: Codable, Hashable, Sendable {
    public var login: String
    /// host:pid, unique per running console.
    public var session: String
    public var item: String?
    public var replying: Bool
    public var updatedAt: Date

    public static let lifetime: TimeInterval = 12

    public init(login: String, session: String, item: String?, replying: Bool, updatedAt: Date) {
        self.login = login
        self.session = session
        self.item = item
        self.replying = replying
        self.updatedAt = updatedAt
    }

    /// This process's session name.
    public static var currentSession: String {
        "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }

    /// The file name a session's presence is kept under in `sessions/`.
    public static func fileName(_ session: String) -> String {
        String(session.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }) + ".json"
    }
}

/// The descriptors of the presence files this store published, kept open and locked.
final class PresenceFiles {
    private var held: [String: Int32] = [:]
    private let lock = NSLock()

    /// Keeps `fd` for `session`, closing (and so unlocking) the one it replaces.
    func hold(_ fd: Int32, for session: String) {
        let old = lock.withLock { held.updateValue(fd, forKey: session) }
        if let old { close(old) }
    }

    func release(_ session: String) {
        if let fd = lock.withLock({ held.removeValue(forKey: session) }) { close(fd) }
    }

    deinit { for fd in held.values { close(fd) } }
}

extension Store {
    var sessionsDirectory: URL { files.root.appendingPathComponent("sessions") }

    /// Publishes where this session is. The new file is locked before it takes the
    /// name, so at no moment does the session look gone. Not fsynced: presence is
    /// ephemeral by nature.
    public func publish(_ presence: Presence) throws {
        let name = Presence.fileName(presence.session)
        let dir = try StoreDirectory(sessionsDirectory)
        defer { dir.close() }
        let (fd, temp) = try dir.createTemporary(for: name, mode: dir.fileMode)
        do {
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw StoreError.io(file: name, operation: "lock", errno: errno) }
            try DurableIO.writeAll(fd: fd, JSONFormat.encoder(pretty: false).encode(presence), file: name)
            // renameat replaces a symlink at `name` itself, never what it points to.
            guard renameat(dir.fd, temp, dir.fd, name) == 0 else { throw StoreError.io(file: name, operation: "replace", errno: errno) }
        } catch {
            close(fd)
            unlinkat(dir.fd, temp, 0)
            throw error
        }
        presenceFiles.hold(fd, for: presence.session)
    }

    /// Other live sessions; unreadable files and those of ended processes are skipped.
    /// `now` is for stores without processes; here the lock decides.
    public func presences(excluding session: String, now: Date) -> [Presence] {
        let dir = sessionsDirectory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let decoder = JSONFormat.decoder()
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { name in
            let fd = open(dir + "/" + name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            // A shared lock is refused only while the session's own process holds its lock.
            if flock(fd, LOCK_SH | LOCK_NB) == 0 { return nil }
            guard let data = try? DurableIO.readAll(fd: fd, from: 0, file: name),
                  let p = try? decoder.decode(Presence.self, from: data), p.session != session
            else { return nil }
            return p
        }.sorted { ($0.login, $0.session) < ($1.login, $1.session) }
    }

    public func withdraw(session: String) {
        unlink(sessionsDirectory.appendingPathComponent(Presence.fileName(session)).path)
        presenceFiles.release(session)
    }
}
