import EarshotCore
import Foundation

/// Work a big inbox needs but the first frame does not (the `/` search index, every
/// open item's reply-due date), done on another thread as the console opens. `take`
/// waits for it if it is asked for sooner. A console gone before the build ends
/// stops it: nothing keeps working for no one.
final class BackgroundBuild<Value: Sendable>: @unchecked Sendable {
    /// What the builder thread and the console share; the builder holds only this.
    private final class Shared: @unchecked Sendable {
        let lock = NSCondition()
        var value: Value?
        var cancelled = false

        var isCancelled: Bool {
            lock.lock()
            defer { lock.unlock() }
            return cancelled
        }
    }

    private let shared = Shared()

    /// `work` is asked to stop by the closure it is given; what it returns then is thrown away.
    init(_ work: @escaping @Sendable (_ stop: () -> Bool) -> Value) {
        let shared = self.shared
        DispatchQueue.global(qos: .utility).async {
            let value = work { shared.isCancelled }
            Self.returnScratchMemory()
            shared.lock.lock()
            if !shared.cancelled { shared.value = value }
            shared.lock.broadcast()
            shared.lock.unlock()
        }
    }

    deinit {
        shared.lock.lock()
        shared.cancelled = true
        shared.lock.unlock()
    }

    /// Whether `take` would return at once.
    var isDone: Bool {
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.value != nil
    }

    /// The result, waiting for the build if it is still running.
    func take() -> Value {
        shared.lock.lock()
        defer { shared.lock.unlock() }
        while shared.value == nil { shared.lock.wait() }
        return shared.value!
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
}
