import EarshotCore

extension SnapshotBody {
    /// Where each section of a body lies: head and drafts, the ledger, then each
    /// chunk of items with its count. Read first, in order; cheap.
    struct Layout: Sendable {
        var head: Range<Int>
        var ledger: Range<Int>
        var chunks: [(bytes: Range<Int>, items: Int)]
        var itemCount: Int { chunks.reduce(0) { $0 + $1.items } }

        init(_ file: FileBytes, range: Range<Int>) throws {
            (head, ledger, chunks) = try {
                var r = ByteReader(file.buffer, from: range.lowerBound, to: range.upperBound)
                var sections: [Range<Int>] = []
                for _ in 0..<2 {
                    let n = try r.count()
                    sections.append(r.position..<r.position + n)
                    try r.skip(n)
                }
                let total = try r.count(minimumSize: 0)
                let count = try r.count(minimumSize: 2)
                var sizes: [(items: Int, bytes: Int)] = []
                for _ in 0..<count { sizes.append((try r.count(minimumSize: 0), try r.count(minimumSize: 0))) }
                guard sizes.reduce(0, { $0 + $1.items }) == total else { throw r.damaged("item chunks do not add up") }
                var at = r.position
                var chunks: [(Range<Int>, Int)] = []
                for size in sizes {
                    // Every item takes more than a byte: a count beyond that is damage, not a reason to reserve memory.
                    guard size.bytes <= range.upperBound - at, size.items <= size.bytes else { throw r.damaged("an item chunk runs past the end") }
                    chunks.append((at..<at + size.bytes, size.items))
                    at += size.bytes
                }
                guard at == range.upperBound else { throw r.damaged("bytes after the last chunk") }
                return (sections[0], sections[1], chunks)
            }()
        }
    }

    /// Decodes `file[range]`. Throws `ByteReader.Damaged` (or a checksum mismatch) on any damage.
    ///
    /// Two tasks, one a core. The first decodes items chunk by chunk from the front,
    /// each straight into the id table (which one thread must fill; an array in between
    /// would cost as much again in copies and fresh memory). The second checks the
    /// XXH64 of the whole, decodes the drafts and the ledger, then decodes chunks from
    /// the back into runs, which the first moves into the table as each is done.
    static func decode(_ file: FileBytes, range: Range<Int>, checksum: UInt64) throws -> OpenedSnapshot {
        let layout = try Layout(file, range: range)
        @Sendable func read<T>(_ span: Range<Int>, _ body: (inout ByteReader) throws -> T) throws -> T {
            var r = ByteReader(file.buffer, from: span.lowerBound, to: span.upperBound)
            let value = try body(&r)
            guard r.isAtEnd else { throw r.damaged("bytes left over in a section") }
            return value
        }
        // A snapshot without a ledger needs its items in order (to rebuild one): one task reads them all.
        let withoutLedger = layout.ledger.isEmpty || file.buffer[layout.ledger.lowerBound] == 0
        let claims = ChunkClaims(count: layout.chunks.count)
        let handoff = RunHandoff()
        let halves = Parallel.map(2) { task -> Result<OpenedSnapshot, any Error> in
            Result {
                var part = OpenedSnapshot()
                if task == 0 {
                    part.items.reserveCapacity(layout.itemCount)
                    if withoutLedger { part.orderedItems = [] }
                    while let chunk = claims.takeFront() {
                        try read(layout.chunks[chunk].bytes) { r in
                            for _ in 0..<layout.chunks[chunk].items { part.insert(try r.item()) }
                        }
                    }
                    while let run = handoff.take() { run.move(into: &part) }
                    return part
                }
                handoff.start()
                defer { handoff.finish() }
                let found = WordHash.hash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: file.buffer[range])))
                guard found == checksum else { throw ChecksumMismatch() }
                try read(layout.head) { r in
                    part.version = try r.int()
                    part.seq = try r.int()
                    part.head = try r.optionalString()
                    part.rollups = try r.optional { try $0.rollups() }
                    part.orderedDrafts = try r.array { try $0.draft() }
                }
                part.drafts = Store.keyed(part.orderedDrafts) { $0.id }
                part.ledger = try read(layout.ledger) { r in try r.optional { try $0.ledger() } }
                while !withoutLedger, let chunk = claims.takeBack() {
                    let run = ItemRun(capacity: layout.chunks[chunk].items)
                    try read(layout.chunks[chunk].bytes) { r in
                        for _ in 0..<layout.chunks[chunk].items { run.append(try r.item()) }
                    }
                    handoff.put(run)
                }
                return part
            }
        }
        // The checksum's task first: a body that fails it is damage, whatever decoded.
        var opened = try halves[1].get()
        var front = try halves[0].get()
        // Runs the first task did not wait for (it never waits when the tasks ran one after the other).
        for run in handoff.rest() { run.move(into: &front) }
        opened.items = front.items
        opened.orderedItems = front.orderedItems
        // The second task's runs went in last to first, so of two items with one id in
        // them the later may have stayed: in that (hand-made) case the table is made
        // again in the file's order.
        if opened.items.count != layout.itemCount, !withoutLedger {
            opened.items = [:]
            for chunk in layout.chunks.indices {
                try read(layout.chunks[chunk].bytes) { r in
                    for _ in 0..<layout.chunks[chunk].items { opened.insert(try r.item()) }
                }
            }
        }
        return opened
    }
}

struct ChecksumMismatch: Error, CustomStringConvertible {
    var description: String { "the checksum does not match the contents" }
}

extension OpenedSnapshot {
    /// Adds `item` under its id unless one is there: of two items with one id the
    /// first stays, as when the JSON is read. Takes the item, so it is moved into
    /// the table rather than copied (at 100,000 items copies cost as much as decoding).
    mutating func insert(_ item: consuming InboxItem) {
        orderedItems?.append(copy item)
        let id = item.id
        if let first = items.updateValue(item, forKey: id) { items[id] = first }
    }
}

/// Items decoded by the second task, in memory of their own so that they can be
/// moved into the table afterwards instead of copied out of an array.
final class ItemRun: @unchecked Sendable {
    private let base: UnsafeMutablePointer<InboxItem>
    private let capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func append(_ item: consuming InboxItem) {
        precondition(count < capacity)
        (base + count).initialize(to: item)
        count += 1
    }

    /// Moves every item into `opened`; the run is empty afterwards.
    func move(into opened: inout OpenedSnapshot) {
        for i in 0..<count { opened.insert((base + i).move()) }
        count = 0
    }
}
