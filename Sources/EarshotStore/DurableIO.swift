import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the store's guarantees rest on: `O_APPEND` + `fsync` for the
/// journal, temp file + `fsync` + `rename` for whole files (`FileLock`: `flock` between
/// writers). Every file is made through a `StoreDirectory`: modes set by Earshot,
/// temporary files `O_EXCL|O_NOFOLLOW`, no symlink ever followed.
enum DurableIO {
    /// Reads a whole file; nil when it does not exist.
    static func read(_ url: URL) throws -> Data? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: url.lastPathComponent, operation: "open", errno: errno)
        }
        defer { close(fd) }
        return try readAll(fd: fd, from: 0, file: url.lastPathComponent)
    }

    /// Reads a file that must be the caller's own and not a symlink (an unsent reply);
    /// nil when it does not exist. Anyone else's file in its place is refused, not read.
    static func readOwn(_ url: URL) throws -> Data? {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: url.lastPathComponent, operation: "open", errno: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_uid == geteuid(), st.st_mode & S_IFMT == S_IFREG else {
            throw StoreError.malformed(file: url.lastPathComponent, line: nil, detail: "is not a file of your own; it was left alone and not read")
        }
        return try readAll(fd: fd, from: 0, file: url.lastPathComponent)
    }

    /// Reads from `offset` to the end of an open file.
    static func readAll(fd: Int32, from offset: Int, file: String) throws -> Data {
        var data = Data()
        var position = off_t(offset)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, position) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(file: file, operation: "read", errno: errno)
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
            position += off_t(n)
        }
        return data
    }

    /// Writes all bytes, retrying short writes. On failure the caller truncates back.
    static func writeAll(fd: Int32, _ data: Data, file: String) throws {
        try data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(file: file, operation: "write", errno: errno)
                }
                done += n
            }
        }
    }

    static func sync(fd: Int32, file: String) throws {
        if fsync(fd) != 0 { throw StoreError.io(file: file, operation: "sync", errno: errno) }
    }

    /// Replaces `url` atomically: a reader sees the old file or the new one, never half.
    /// The new file gets `mode` (default: what its directory's files get), whatever the umask.
    /// `durable: false` skips the fsyncs, for files that are not worth them (presence).
    static func replace(_ url: URL, with data: Data, mode: mode_t? = nil, durable: Bool = true) throws {
        let name = url.lastPathComponent
        let dir = try StoreDirectory(url.deletingLastPathComponent())
        defer { dir.close() }
        let (fd, temp) = try dir.createTemporary(for: name, mode: mode ?? dir.fileMode)
        do {
            try writeAll(fd: fd, data, file: name)
            if durable { try sync(fd: fd, file: name) }
            close(fd)
        } catch {
            close(fd)
            unlinkat(dir.fd, temp, 0)
            throw error
        }
        // renameat replaces a symlink at `name` itself, never what it points to.
        if renameat(dir.fd, temp, dir.fd, name) != 0 {
            let code = errno
            unlinkat(dir.fd, temp, 0)
            throw StoreError.io(file: name, operation: "replace", errno: code)
        }
        if durable { _ = fsync(dir.fd) }
    }

    /// Creates `url` whole or not at all, and never replaces it: the data goes to a
    /// temporary file, is fsynced, then hard-linked into place (link fails if the
    /// name exists, even as a symlink). Returns false when the file was already there.
    @discardableResult
    static func createOnce(_ url: URL, with data: Data) throws -> Bool {
        let name = url.lastPathComponent
        let dir = try StoreDirectory(url.deletingLastPathComponent())
        defer { dir.close() }
        let (fd, temp) = try dir.createTemporary(for: name, mode: dir.fileMode)
        defer { unlinkat(dir.fd, temp, 0) }
        do {
            try writeAll(fd: fd, data, file: name)
            try sync(fd: fd, file: name)
            close(fd)
        } catch {
            close(fd)
            throw error
        }
        if linkat(dir.fd, temp, dir.fd, name, 0) != 0 {
            if errno == EEXIST { return false }
            throw StoreError.io(file: name, operation: "publish", errno: errno)
        }
        _ = fsync(dir.fd)
        return true
    }

    /// Makes a rename durable. Best effort: some file systems refuse fsync on a directory.
    static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Appends `data` as one write and fsyncs it. If the write fails part-way (disk
    /// full), the file is cut back so no torn line is left behind. A symlink in the
    /// file's place is refused, never written through.
    static func append(_ data: Data, to url: URL) throws {
        let name = url.lastPathComponent
        let dir = try StoreDirectory(url.deletingLastPathComponent())
        defer { dir.close() }
        let fd = try dir.openForAppend(name)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(file: name, operation: "inspect", errno: errno) }
        do {
            try writeAll(fd: fd, data, file: name)
            try sync(fd: fd, file: name)
        } catch {
            _ = ftruncate(fd, st.st_size)
            _ = fsync(fd)
            throw error
        }
    }

    /// Size and inode, to notice growth and replacement (compaction) of a file.
    static func identity(_ url: URL) -> (size: Int, inode: UInt64)? {
        var st = stat()
        guard stat(url.path, &st) == 0 else { return nil }
        return (Int(st.st_size), UInt64(st.st_ino))
    }
}
