/// The inbox items by id.
public typealias ItemTable = ShardedTable<InboxItem>

/// A dictionary keyed by id, kept in many small dictionaries instead of one.
///
/// Why: the console's state and its store hold the same `Workspace`, and Swift
/// copies a shared dictionary whole on the first change. One triage of a
/// 100,000-item inbox copied every item (about 100 ms a key). Split in shards,
/// a change copies only the shard it touches (a few hundred entries at 100k),
/// and the value semantics everyone relies on stay as they were.
///
/// It reads like `[String: Value]`: a subscript, `values`, `keys`, `count`,
/// and iteration over `(key, value)` pairs in no particular order.
public struct ShardedTable<Value: Hashable & Sendable>: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// A bulk action on 1,000 items touches about 1,000 shards, and copies them if
    /// shared: at 8,192 a shard holds about a dozen items at 100k, so that is a
    /// tenth of the inbox, not all of it. An empty shard allocates nothing.
    @inlinable static var shardCount: Int { 8192 }

    @usableFromInline var shards: [[String: Value]]
    /// How many entries there are.
    @inlinable public var count: Int { _count }
    @usableFromInline var _count: Int

    public init() {
        shards = Array(repeating: [:], count: Self.shardCount)
        _count = 0
    }

    public init(_ dictionary: [String: Value]) {
        self.init()
        for (id, item) in dictionary { self[id] = item }
    }

    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, Value) {
        self.init()
        for (id, item) in pairs {
            precondition(self[id] == nil, "duplicate item id \(id)")
            self[id] = item
        }
    }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (id, item) in elements { self[id] = item }
    }

    @inlinable
    static func shard(of id: String) -> Int {
        // Stable within a process, which is all an in-memory table needs.
        Int(UInt(bitPattern: id.hashValue) % UInt(shardCount))
    }

    @inlinable public subscript(id: String) -> Value? {
        get { shards[Self.shard(of: id)][id] }
        set {
            let s = Self.shard(of: id)
            let had = shards[s][id] != nil
            shards[s][id] = newValue
            _count += (newValue != nil ? 1 : 0) - (had ? 1 : 0)
        }
    }

    /// Sets the value and returns the one it replaced, as `Dictionary.updateValue` does.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey id: String) -> Value? {
        let old = shards[Self.shard(of: id)].updateValue(value, forKey: id)
        if old == nil { _count += 1 }
        return old
    }

    /// Room for `n` entries in all, spread over the shards.
    public mutating func reserveCapacity(_ n: Int) {
        // A small table would only fill every shard with room for one.
        guard n > Self.shardCount * 4 else { return }
        let each = n / Self.shardCount + 1
        for s in shards.indices { shards[s].reserveCapacity(each) }
    }

    /// Changes one item in place, without copying more than its shard.
    @inlinable public mutating func modify(_ id: String, _ body: (inout Value) -> Void) {
        let s = Self.shard(of: id)
        guard shards[s][id] != nil else { return }
        body(&shards[s][id]!)
    }

    @discardableResult
    @inlinable public mutating func removeValue(forKey id: String) -> Value? {
        let removed = shards[Self.shard(of: id)].removeValue(forKey: id)
        if removed != nil { _count -= 1 }
        return removed
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// Every item, in no particular order.
    @inlinable public var values: Values { Values(table: self) }
    /// Every id, in no particular order.
    @inlinable public var keys: LazyMapSequence<ShardedTable, String> { lazy.map(\.key) }

    /// The same items as one dictionary (for code that wants exactly that).
    @inlinable public var dictionary: [String: Value] {
        var all = [String: Value](minimumCapacity: count)
        for shard in shards { all.merge(shard) { a, _ in a } }
        return all
    }

    public struct Values: Sequence, Sendable {
        @usableFromInline let table: ShardedTable
        @usableFromInline init(table: ShardedTable) { self.table = table }
        @inlinable public var count: Int { table.count }
        @inlinable public var isEmpty: Bool { table.count == 0 }
        @inlinable public func makeIterator() -> some IteratorProtocol<Value> {
            table.shards.lazy.flatMap(\.values).makeIterator()
        }
        @inlinable public var underestimatedCount: Int { table.count }
    }
}

extension ShardedTable: Sequence {
    public typealias Element = (key: String, value: Value)

    @inlinable public func makeIterator() -> some IteratorProtocol<Element> {
        shards.lazy.flatMap { $0 }.makeIterator()
    }

    @inlinable public var underestimatedCount: Int { count }
}

extension ShardedTable where Value == InboxItem {
    /// Keeps the first of two items with the same id, as the snapshot reader does.
    public init<S: Sequence>(keepingFirst items: S) where S.Element == InboxItem {
        self.init()
        for item in items where self[item.id] == nil { self[item.id] = item }
    }
}
