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
final class FileLock {
    private let fd: Int32
    private let name: String
    private let openError: Int32

    /// Never throws today: a lock file that cannot be opened fails `withLock`, not opening.
    init(_ url: URL) throws {
        name = url.lastPathComponent
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

    deinit { if fd >= 0 { close(fd) } }

    func withLock<T>(_ body: () throws -> T) throws -> T {
        guard fd >= 0 else { throw StoreError.io(file: name, operation: "open the lock file", errno: openError) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreError.io(file: name, operation: "lock", errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
