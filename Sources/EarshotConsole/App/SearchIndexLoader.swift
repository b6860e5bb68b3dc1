import EarshotCore
import Foundation

/// Builds the `/` search index on another thread as the console opens, so the first
/// search does not wait for every item's text to be folded. The index is built from the
/// items as they were at open; `take` is then brought up to date with later arrivals.
/// A console gone before the build ends stops it: nothing keeps folding for no one.
final class SearchIndexLoader: @unchecked Sendable {
    /// What the builder thread and the console share; the builder holds only this.
    private final class Build: @unchecked Sendable {
        let lock = NSCondition()
        var index: SearchIndex?
        var cancelled = false

        var isCancelled: Bool {
            lock.lock()
            defer { lock.unlock() }
            return cancelled
        }
    }

    private let build = Build()

    init<S: Sequence & Sendable>(items: S) where S.Element == InboxItem {
        let build = self.build
        DispatchQueue.global(qos: .utility).async {
            let index = SearchIndex(items: items, stop: { build.isCancelled })
            Self.returnScratchMemory()
            build.lock.lock()
            if !build.cancelled { build.index = index }
            build.lock.broadcast()
            build.lock.unlock()
        }
    }

    deinit {
        build.lock.lock()
        build.cancelled = true
        build.lock.unlock()
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
        build.lock.lock()
        defer { build.lock.unlock() }
        while build.index == nil { build.lock.wait() }
        return build.index!
    }
}
