import Foundation

/// A store problem, worded for the person at the keyboard: what went wrong,
/// what was kept, what to do next.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// No store at the path.
    case notFound(path: String, hint: String)
    /// A file is not what it should be. `line` is 1-based when known.
    case malformed(file: String, line: Int?, detail: String)
    /// The store was written by a newer Earshot.
    case unsupportedVersion(file: String, found: Int, supported: Int)
    /// The operating system refused a read or write.
    case io(file: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .notFound(let path, let hint):
            return "No Earshot store at \(path). \(hint)"
        case .malformed(let file, let line, let detail):
            let at = line.map { "\(file) line \($0)" } ?? file
            return "\(at): \(detail). Nothing was changed; fix or restore the file, or run `earshot fsck`."
        case .unsupportedVersion(let file, let found, let supported):
            return "\(file) is format version \(found); this Earshot reads up to \(supported). Upgrade Earshot; nothing was changed."
        case .io(let file, let operation, let code):
            let reason = String(cString: strerror(code))
            return "Could not \(operation) \(file): \(reason). Your change was not saved; the store is as it was."
        }
    }

    /// One status-line sentence for the console.
    public var short: String {
        if case .io(let file, let operation, let code) = self {
            return "Not saved: could not \(operation) \(file) (\(String(cString: strerror(code)))); nothing changed"
        }
        return description
    }

    /// True when the disk is full or over quota.
    public var isOutOfSpace: Bool {
        if case .io(_, _, let code) = self { return code == ENOSPC || code == EDQUOT }
        return false
    }
}
