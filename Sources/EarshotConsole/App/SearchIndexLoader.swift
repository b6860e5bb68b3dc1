import EarshotCore
import Foundation

/// Builds the `/` search index on another thread as the console opens, so the first
/// search does not wait for every item's text to be folded. The index is built from the
/// items as they were at open; `take` is then brought up to date with later arrivals.
final class SearchIndexLoader: @unchecked Sendable {
    private let lock = NSCondition()
    private var built: SearchIndex?

    init<S: Sequence & Sendable>(items: S) where S.Element == InboxItem {
        DispatchQueue.global(qos: .utility).async { [self] in
            let index = SearchIndex(items: items)
            Self.returnScratchMemory()
            lock.lock()
            built = index
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The build's scratch (folded words, temporary strings) lived in this thread's malloc
    /// arena; glibc keeps a freed arena resident unless asked (malloc_trim, looked up by
    /// name because Swift's Glibc module does not show malloc.h).
    private static func returnScratchMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(trim, to: Trim.self)(0)
        }
        #endif
    }

    /// The index, waiting for the build if it is still running.
    func take() -> SearchIndex {
        lock.lock()
        defer { lock.unlock() }
        while built == nil { lock.wait() }
        return built!
    }
}
