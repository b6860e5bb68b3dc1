import Dispatch
import Foundation

/// Runs `count` independent tasks on all cores and returns their results in order.
/// Each task writes only its own slot; `concurrentPerform` returns after all have run.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        return slots.values
    }

    /// Raw memory rather than an array: an array property would be one variable
    /// written from several threads, which exclusivity checking rightly refuses.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>
        init(_ count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }
        deinit {
            storage.deinitialize()
            storage.deallocate()
        }
        // Each task writes its own index only.
        func set(_ i: Int, _ value: T) { storage[i] = value }
        var values: [T] { storage.map { $0! } }
    }
}

/// Chunks `0..<count` handed out to two tasks, one taking from the front, the other
/// from the back, so that they meet wherever their other work lets them.
final class ChunkClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var front = 0
    private var back: Int

    init(count: Int) { back = count }

    func takeFront() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard front < back else { return nil }
        front += 1
        return front - 1
    }

    func takeBack() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard front < back else { return nil }
        back -= 1
        return back
    }
}
