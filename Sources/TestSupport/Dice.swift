/// A small seeded random source for tests that try many cases: the same seed,
/// the same cases, so a failure can be run again.
public struct Dice {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number in 0..<n.
    public mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
}
