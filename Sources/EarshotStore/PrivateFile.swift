import Foundation

/// Files only the store's owner may read: account secrets and session tokens.
public enum PrivateFile {
    /// Writes atomically with mode 0600; never follows a symlink. With `closeDirectory`
    /// the directory is made 0700 too (`secrets/`; never the store's own directory,
    /// which a shared group may need).
    public static func write(_ url: URL, _ data: Data, closeDirectory: Bool = true) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if closeDirectory { chmod(dir.path, 0o700) }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        unlink(temp.path)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(file: url.lastPathComponent, operation: "create", errno: errno) }
        do {
            fchmod(fd, 0o600)
            try DurableIO.writeAll(fd: fd, data, file: url.lastPathComponent)
            try DurableIO.sync(fd: fd, file: url.lastPathComponent)
            close(fd)
        } catch {
            close(fd)
            unlink(temp.path)
            throw error
        }
        if rename(temp.path, url.path) != 0 {
            let code = errno
            unlink(temp.path)
            throw StoreError.io(file: url.lastPathComponent, operation: "replace", errno: code)
        }
        DurableIO.syncDirectory(dir)
    }

    public enum Problem: Error, CustomStringConvertible {
        case exposed(path: String, mode: Int)
        case notOwner(path: String)
        case symlink(path: String)

        public var description: String {
            switch self {
            case .exposed(let path, let mode):
                "\(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`. It was not used."
            case .notOwner(let path):
                "\(path) does not belong to the user running earshot; it was not used."
            case .symlink(let path):
                "\(path) is a symbolic link; secrets must be plain files. It was not used."
            }
        }
    }

    /// Reads a secret only when it is a plain file of ours that nobody else can read.
    public static func read(_ url: URL) throws -> Data? {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw Problem.symlink(path: url.path) }
            throw StoreError.io(file: url.lastPathComponent, operation: "open", errno: errno)
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        if st.st_uid != geteuid() { throw Problem.notOwner(path: url.path) }
        if st.st_mode & 0o077 != 0 { throw Problem.exposed(path: url.path, mode: Int(st.st_mode & 0o777)) }
        return try DurableIO.readAll(fd: fd, from: 0, file: url.lastPathComponent)
    }
}
