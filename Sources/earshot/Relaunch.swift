import Foundation

/// The command that opens a store again, as the person can type it: `earshot` when
/// that name on their PATH is this very program, otherwise this program's full path
/// (after `swift run`, `earshot` is not on the PATH at all).
enum Relaunch {
    static func command(store: String, environment env: [String: String]) -> String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let program = onPath("earshot", environment: env) == me ? "earshot" : shellQuoted(me)
        return "\(program) --store \(shellQuoted(store))"
    }

    /// Where the shell would find `name`, symlinks resolved; nil when it would not.
    static func onPath(_ name: String, environment env: [String: String]) -> String? {
        for dir in (env["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate.resolvingSymlinksInPath().path
            }
        }
        return nil
    }

    /// Quoted only when the shell would otherwise split or expand it.
    static func shellQuoted(_ s: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@%,=")
        if !s.isEmpty, s.unicodeScalars.allSatisfy(safe.contains) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
