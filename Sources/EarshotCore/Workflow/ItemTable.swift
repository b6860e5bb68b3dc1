/// The inbox items by id, kept in many small dictionaries instead of one.
///
/// Why: the console's state and its store hold the same `Workspace`, and Swift
/// copies a shared dictionary whole on the first change. One triage of a
/// 100,000-item inbox copied every item (about 100 ms a key). Split in shards,
/// a change copies only the shard it touches (a few hundred items at 100k),
/// and the value semantics everyone relies on stay as they were.
///
/// It reads like `[String: InboxItem]`: a subscript, `values`, `keys`, `count`,
/// and iteration over `(key, value)` pairs in no particular order.
public struct ItemTable: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// Enough that a shard stays small at a million items; few enough that an
    /// empty table costs nothing (an empty dictionary allocates no storage).
    static let shardCount = 1024

    private var shards: [[String: InboxItem]]
    public private(set) var count: Int

    public init() {
        shards = Array(repeating: [:], count: Self.shardCount)
        count = 0
    }

    public init(_ dictionary: [String: InboxItem]) {
        self.init()
        for (id, item) in dictionary { self[id] = item }
    }

    /// Keeps the first of two items with the same id, as the snapshot reader does.
    public init<S: Sequence>(keepingFirst items: S) where S.Element == InboxItem {
        self.init()
        for item in items where self[item.id] == nil { self[item.id] = item }
    }

    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, InboxItem) {
        self.init()
        for (id, item) in pairs {
            precondition(self[id] == nil, "duplicate item id \(id)")
            self[id] = item
        }
    }

    public init(dictionaryLiteral elements: (String, InboxItem)...) {
        self.init()
        for (id, item) in elements { self[id] = item }
    }

    @inline(__always)
    private static func shard(of id: String) -> Int {
        // Stable within a process, which is all an in-memory table needs.
        Int(UInt(bitPattern: id.hashValue) % UInt(shardCount))
    }

    public subscript(id: String) -> InboxItem? {
        get { shards[Self.shard(of: id)][id] }
        set {
            let s = Self.shard(of: id)
            let had = shards[s][id] != nil
            shards[s][id] = newValue
            count += (newValue != nil ? 1 : 0) - (had ? 1 : 0)
        }
    }

    /// Changes one item in place, without copying more than its shard.
    public mutating func modify(_ id: String, _ body: (inout InboxItem) -> Void) {
        let s = Self.shard(of: id)
        guard shards[s][id] != nil else { return }
        body(&shards[s][id]!)
    }

    @discardableResult
    public mutating func removeValue(forKey id: String) -> InboxItem? {
        let removed = shards[Self.shard(of: id)].removeValue(forKey: id)
        if removed != nil { count -= 1 }
        return removed
    }

    public var isEmpty: Bool { count == 0 }

    /// Every item, in no particular order.
    public var values: Values { Values(table: self) }
    /// Every id, in no particular order.
    public var keys: LazyMapSequence<ItemTable, String> { lazy.map(\.key) }

    /// The same items as one dictionary (for code that wants exactly that).
    public var dictionary: [String: InboxItem] {
        var all = [String: InboxItem](minimumCapacity: count)
        for shard in shards { all.merge(shard) { a, _ in a } }
        return all
    }

    public struct Values: Sequence, Sendable {
        let table: ItemTable
        public var count: Int { table.count }
        public var isEmpty: Bool { table.count == 0 }
        public func makeIterator() -> some IteratorProtocol<InboxItem> {
            table.shards.lazy.flatMap(\.values).makeIterator()
        }
        public var underestimatedCount: Int { table.count }
    }
}

extension ItemTable: Sequence {
    public typealias Element = (key: String, value: InboxItem)

    public func makeIterator() -> some IteratorProtocol<Element> {
        shards.lazy.flatMap { $0 }.makeIterator()
    }

    public var underestimatedCount: Int { count }
}
