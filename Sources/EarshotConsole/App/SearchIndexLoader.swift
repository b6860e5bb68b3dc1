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
            lock.lock()
            built = index
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The index, waiting for the build if it is still running.
    func take() -> SearchIndex {
        lock.lock()
        defer { lock.unlock() }
        while built == nil { lock.wait() }
        return built!
    }
}
