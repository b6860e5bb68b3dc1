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

/// Runs of items the second decoding task makes, handed to the first as each is
/// done. The first waits for more only while the second is known to be running, so
/// where the two run one after the other (one core) it never waits for work that
/// cannot come; what it did not take is left for `rest()`.
final class RunHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [ItemRun] = []
    private var running = false
    private var finished = false

    func start() {
        condition.lock()
        running = true
        condition.unlock()
    }

    func put(_ run: ItemRun) {
        condition.lock()
        ready.append(run)
        condition.signal()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next run done, in the order they were put; nil once none can come while waiting.
    func take() -> ItemRun? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, running, !finished { condition.wait() }
        return ready.isEmpty ? nil : ready.removeFirst()
    }

    func rest() -> [ItemRun] {
        condition.lock()
        defer { condition.unlock() }
        defer { ready = [] }
        return ready
    }
}
