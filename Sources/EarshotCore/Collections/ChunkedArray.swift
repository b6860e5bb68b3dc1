/// An array kept in fixed-size chunks, for the long lists the console's state
/// shares with its store (the analytics ledger's arrivals and marks).
///
/// Why: Swift copies a shared array whole on the first change, so changing one
/// arrival of a 100,000-long ledger copied all of them on every triage. Here a
/// change copies the list of chunks (one reference each) and the one chunk it
/// touches.
public struct ChunkedArray<Element: Hashable & Sendable>: RandomAccessCollection, MutableCollection, Hashable, Sendable,
    ExpressibleByArrayLiteral {
    @inlinable static var chunkSize: Int { 256 }

    @usableFromInline var chunks: [[Element]] = []
    /// How many entries there are.
    @inlinable public var count: Int { _count }
    @usableFromInline var _count = 0

    public init() {}

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            return chunks[position / Self.chunkSize][position % Self.chunkSize]
        }
        set {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            chunks[position / Self.chunkSize][position % Self.chunkSize] = newValue
        }
    }

    @inlinable public mutating func append(_ element: Element) {
        if count % Self.chunkSize == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        _count += 1
    }

    @inlinable public mutating func reserveCapacity(_ n: Int) {
        chunks.reserveCapacity((n + Self.chunkSize - 1) / Self.chunkSize)
    }

    /// Two lists are equal when their elements are, however they were built.
    public static func == (a: ChunkedArray, b: ChunkedArray) -> Bool {
        a.count == b.count && a.chunks == b.chunks
    }

    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for chunk in chunks { hasher.combine(chunk) }
    }
}
