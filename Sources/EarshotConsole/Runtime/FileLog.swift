import Foundation

/// Appends timestamped lines to a log file. Full-screen programs must never
/// write to the terminal, so what a support person needs goes here:
/// `$XDG_STATE_HOME/earshot/earshot.log` (default `~/.local/state/earshot/earshot.log`).
public final class FileLog: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    public let url: URL?

    public init(url: URL?) {
        self.url = url
        guard let url else {
            handle = nil
            return
        }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = try? FileHandle(forWritingTo: url)
        _ = try? handle?.seekToEnd()
    }

    /// The default place, from the environment.
    public static func standard(environment env: [String: String]) -> FileLog {
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return FileLog(url: URL(fileURLWithPath: state).appendingPathComponent("earshot/earshot.log"))
    }

    /// A log that writes nowhere, for tests.
    public static let none = FileLog(url: nil)

    public func write(_ message: String) {
        guard let handle else { return }
        let line = "\(ISO8601DateFormatter().string(from: Date())) [\(getpid())] \(message)\n"
        lock.lock()
        defer { lock.unlock() }
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
