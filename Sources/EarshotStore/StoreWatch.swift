import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells a session that others changed the store, without polling: Linux inotify on
/// the store directory (the journal grows, or compaction renames a new one into
/// place) and on `sessions/` (someone moved, started or ended). `descriptor` goes in
/// a poll set; when it is readable, `drain()` says what changed.
///
/// Elsewhere, or past the kernel's limits (`fs.inotify.max_user_instances`, 128 by
/// default per Unix user), there is no watch and the caller polls slowly instead.
public final class StoreWatch {
    public struct Changes: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// journal.jsonl was written, replaced or created.
        public static let journal = Changes(rawValue: 1)
        /// Another session's presence file appeared, changed or went (or its process ended).
        public static let presence = Changes(rawValue: 2)
    }

    public let descriptor: Int32
    private let root: String
    private let ownFile: String
    private var sessionsWatch: Int32 = -1
    private let rootWatch: Int32

    #if os(Linux)
    private static let rootEvents = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_DELETE)
    // IN_CLOSE_WRITE: a session holds its file open for writing, so its end (even a kill) closes it.
    private static let sessionEvents = UInt32(IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE)
    #endif

    /// Nil when the watch cannot be had (not Linux, or a limit reached).
    /// `ownSession`'s own presence file is not news.
    public init?(files: StoreFiles, ownSession: String) {
        #if os(Linux)
        root = files.root.path
        ownFile = Presence.fileName(ownSession)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        // The store's own path may be a link (as it may be for every other use of it); sessions/ may not.
        rootWatch = inotify_add_watch(descriptor, root, Self.rootEvents | UInt32(IN_ONLYDIR))
        // Fully made from here on: deinit closes the descriptor.
        guard rootWatch >= 0 else { return nil }
        watchSessions()
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Reads every pending event; what they add up to.
    public func drain() -> Changes {
        var changes: Changes = []
        #if os(Linux)
        let header = MemoryLayout<inotify_event>.size
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            var offset = 0
            while offset + header <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + length)].prefix { $0 != 0 }
                changes.formUnion(classify(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
                offset += header + length
            }
        }
        #endif
        return changes
    }

    #if os(Linux)
    private func classify(wd: Int32, mask: UInt32, name: String) -> Changes {
        // Events were lost: assume everything changed.
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return [.journal, .presence] }
        if wd == rootWatch {
            if name == "journal.jsonl" { return .journal }
            if name == "sessions" {
                // Made (or remade) after we started: watch it from now on.
                if mask & UInt32(IN_DELETE) != 0 { sessionsWatch = -1 } else { watchSessions() }
                return .presence
            }
            return []
        }
        if wd == sessionsWatch {
            if mask & UInt32(IN_IGNORED) != 0 { sessionsWatch = -1 }
            // Temporary files start with a dot; our own file is not news to us.
            guard name.hasSuffix(".json"), !name.hasPrefix("."), name != ownFile else { return [] }
            return .presence
        }
        return []
    }

    private func watchSessions() {
        let wd = inotify_add_watch(descriptor, root + "/sessions", Self.sessionEvents | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
        if wd >= 0 { sessionsWatch = wd }
    }
    #endif
}

extension Store {
    /// A watch on this store's directory for the session `ownSession` (see `StoreWatch`).
    public func watch(ownSession: String) -> StoreWatch? {
        StoreWatch(files: files, ownSession: ownSession)
    }

    /// Who the writers' lock says holds it while this session writes.
    public var lockHolderLogin: String {
        get { lock.holderLogin }
        set { lock.holderLogin = newValue }
    }

    /// `observer` hears (on the writing thread) each time a write must wait for
    /// another writer's lock, with who holds it if that is known.
    public func observeLockWaits(_ observer: @escaping (LockHolder?) -> Void) {
        lock.onBusy = observer
    }
}
