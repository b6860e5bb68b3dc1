import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory Earshot writes in, opened without following a symlink, so every file
/// made in it is made through this descriptor (`openat`, `renameat`, `linkat`) and a
/// link planted by someone else is never followed.
///
/// Modes are Earshot's, never the umask's. A store whose directory is group-writable
/// is shared (the shared-group deployment): its subdirectories are setgid and
/// group-writable (`wip/` and `sessions/` sticky as well, so nobody replaces another
/// person's file), its files 0660 and in the directory's group. Otherwise everything
/// stays with its owner: directories 0700, files 0600. Unsent replies are always 0600.
struct StoreDirectory {
    let fd: Int32
    let path: String
    /// Group-writable: files are shared with the directory's group.
    let shared: Bool
    let group: gid_t

    /// Subdirectories that hold one file per person or session.
    static let personal: Set<String> = ["wip", "sessions"]

    /// Opens `url`, creating it (and fixing the mode of a store subdirectory that was
    /// made with the umask's mode) as needed.
    init(_ url: URL) throws {
        path = url.path
        var fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0, errno == ENOENT {
            try StoreDirectory.make(url)
            fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        if fd < 0 {
            let code = errno
            if code == ELOOP || code == ENOTDIR {
                throw StoreError.io(file: path, operation: "write in (it is a symlink or not a directory, so nothing was written to)", errno: code)
            }
            throw StoreError.io(file: path, operation: "open the directory", errno: code)
        }
        self.fd = fd
        var st = stat()
        fstat(fd, &st)
        if StoreDirectory.isStoreSubdirectory(url), st.st_uid == geteuid(),
           let wanted = StoreDirectory.subdirectoryMode(url), st.st_mode & 0o7777 != wanted {
            _ = fchmod(fd, wanted)
            fstat(fd, &st)
        }
        shared = st.st_mode & 0o020 != 0
        group = st.st_gid
    }

    func close() { closeDescriptor(fd) }

    /// The mode of an ordinary file made here.
    var fileMode: mode_t { shared ? 0o660 : 0o600 }

    /// A new temporary file beside `name`: a fresh random name, `O_EXCL|O_NOFOLLOW`, so
    /// an existing file or link of that name makes it try another name, never open it.
    func createTemporary(for name: String, mode: mode_t) throws -> (fd: Int32, name: String) {
        for _ in 0..<16 {
            let temp = ".\(name).\(UInt64.random(in: 0...UInt64.max)).tmp"
            let fd = openat(self.fd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                do {
                    try own(fd, mode: mode, name: name)
                } catch {
                    unlinkat(self.fd, temp, 0)
                    throw error
                }
                return (fd, temp)
            }
            if errno != EEXIST { throw StoreError.io(file: name, operation: "create a temporary file for", errno: errno) }
        }
        throw StoreError.io(file: name, operation: "find a free temporary name for", errno: EEXIST)
    }

    /// Opens `name` for appending; creates it (with this directory's mode) if missing.
    /// A symlink in its place is refused.
    func openForAppend(_ name: String) throws -> Int32 {
        while true {
            let fd = openat(self.fd, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 { return fd }
            if errno != ENOENT { throw StoreError.io(file: name, operation: "open", errno: errno) }
            let created = openat(self.fd, name, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if created >= 0 {
                try own(created, mode: fileMode, name: name)
                return created
            }
            if errno != EEXIST { throw StoreError.io(file: name, operation: "create", errno: errno) }
        }
    }

    /// Sets the mode (the umask played no part) and, on a shared store, the group.
    private func own(_ fd: Int32, mode: mode_t, name: String) throws {
        if shared, mode & 0o070 != 0 { _ = fchown(fd, uid_t.max, group) }
        if fchmod(fd, mode) != 0 {
            let code = errno
            closeDescriptor(fd)
            throw StoreError.io(file: name, operation: "set the mode of", errno: code)
        }
    }

    // MARK: Directories

    /// A directory whose parent holds `store.json`.
    static func isStoreSubdirectory(_ url: URL) -> Bool {
        var st = stat()
        return lstat(url.deletingLastPathComponent().appendingPathComponent("store.json").path, &st) == 0
    }

    /// What a store subdirectory's mode should be, from its parent's; nil when the parent cannot be read.
    static func subdirectoryMode(_ url: URL) -> mode_t? {
        var parent = stat()
        guard stat(url.deletingLastPathComponent().path, &parent) == 0 else { return nil }
        guard parent.st_mode & 0o020 != 0 else { return 0o700 }
        return personal.contains(url.lastPathComponent) ? 0o3770 : 0o2770
    }

    /// Makes a directory with Earshot's mode for it (see the type's comment). An
    /// existing directory is left as it is.
    static func make(_ url: URL) throws {
        if mkdir(url.path, 0o700) != 0 {
            if errno == EEXIST { return }
            throw StoreError.io(file: url.path, operation: "create the directory", errno: errno)
        }
        var parent = stat()
        guard stat(url.deletingLastPathComponent().path, &parent) == 0, parent.st_mode & 0o020 != 0 else { return }
        _ = chown(url.path, uid_t.max, parent.st_gid)
        _ = chmod(url.path, personal.contains(url.lastPathComponent) ? 0o3770 : 0o2770)
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
