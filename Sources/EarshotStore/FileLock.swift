import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock between processes (and between stores in one process:
/// each `FileLock` opens its own descriptor, and flock locks belong to descriptors).
///
/// `init` makes `.lock`. A person who may only read the store opens it read-only
/// (flock works on any descriptor) and never creates it; if it is missing and cannot
/// be made, reading still works and only taking the lock fails.
///
/// Whoever takes the lock writes who they are beside it (`LockHolder`), so a writer
/// kept waiting can say whom it waits for instead of freezing without a word.
final class FileLock {
    private let fd: Int32
    private let name: String
    private let openError: Int32
    private let holderFile: URL
    /// Opened on first use and kept: one write per lock taken, no open and close.
    private var holderFD: Int32 = -1
    /// The name recorded as holding the lock (the console sets the staff login).
    var holderLogin = LockHolder.unixLogin
    /// Called on the locking thread when the lock is busy, before waiting for it.
    var onBusy: ((LockHolder?) -> Void)?

    /// Never throws today: a lock file that cannot be opened fails `withLock`, not opening.
    init(_ url: URL) throws {
        name = url.lastPathComponent
        holderFile = url.deletingLastPathComponent().appendingPathComponent(LockHolder.fileName)
        var fd = open(url.path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0, errno == ENOENT {
            // Made like any other store file (its directory's mode, never through a link).
            if let dir = try? StoreDirectory(url.deletingLastPathComponent()) {
                fd = (try? dir.openForAppend(name)) ?? -1
                dir.close()
            }
        }
        if fd < 0, errno == EACCES || errno == EPERM || errno == EROFS || errno == ENOENT {
            fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        }
        self.fd = fd
        openError = fd < 0 ? errno : 0
    }

    deinit {
        if fd >= 0 { close(fd) }
        if holderFD >= 0 { close(holderFD) }
    }

    func withLock<T>(_ body: () throws -> T) throws -> T {
        guard fd >= 0 else { throw StoreError.io(file: name, operation: "open the lock file", errno: openError) }
        if !(try take(LOCK_EX | LOCK_NB)) {
            onBusy?(LockHolder.read(holderFile))
            _ = try take(LOCK_EX)
        }
        defer { flock(fd, LOCK_UN) }
        recordHolder()
        return try body()
    }

    /// True when taken; false when another descriptor holds it (non-blocking only).
    private func take(_ operation: Int32) throws -> Bool {
        while flock(fd, operation) != 0 {
            if errno == EWOULDBLOCK { return false }
            if errno != EINTR { throw StoreError.io(file: name, operation: "lock", errno: errno) }
        }
        return true
    }

    /// Best effort: a reader who may not write the file still takes the lock.
    private func recordHolder() {
        if holderFD < 0, let dir = try? StoreDirectory(holderFile.deletingLastPathComponent()) {
            holderFD = (try? dir.openForAppend(LockHolder.fileName)) ?? -1
            dir.close()
        }
        guard holderFD >= 0 else { return }
        let holder = LockHolder(login: holderLogin, pid: getpid(), since: Date())
        guard let data = try? JSONFormat.encoder(pretty: false).encode(holder) else { return }
        // O_APPEND: emptied, then written whole; a reader that meets it half-written says "another program".
        _ = ftruncate(holderFD, 0)
        try? DurableIO.writeAll(fd: holderFD, data, file: LockHolder.fileName)
    }
}

/// Who holds (or last held) the writers' lock. Derived and advisory: read only to tell
/// a waiting person whom they wait for, never to decide anything.
public struct LockHolder: Codable, Hashable, Sendable {
    public var login: String
    public var pid: Int32
    public var since: Date

    public init(login: String, pid: Int32, since: Date) {
        self.login = login
        self.pid = pid
        self.since = since
    }

    static let fileName = ".lock-holder"

    static func read(_ url: URL) -> LockHolder? {
        guard let data = try? DurableIO.read(url) else { return nil }
        return try? JSONFormat.decoder().decode(LockHolder.self, from: data)
    }

    static var unixLogin: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}
