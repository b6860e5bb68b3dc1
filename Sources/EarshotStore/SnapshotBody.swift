import Dispatch
import EarshotCore

/// The body of `cache/snapshot.bin`: a `SnapshotFile` in the binary form of
/// `ByteWriter`, cut into sections that decode independently, so that the two cores
/// share the work (see `decode`):
///
///     section: version, seq, head, rollups?, drafts      (length-prefixed)
///     section: ledger?                                   (length-prefixed)
///     item count, chunk count, (items, bytes) per chunk, then the chunks
enum SnapshotBody {
    /// Items per chunk: small enough for the two decoding tasks to meet near the
    /// middle, large enough that handing chunks out costs nothing.
    static let chunkSize = 4_096

    static func encode(_ s: SnapshotFile) -> [UInt8] {
        let chunks = stride(from: 0, to: s.items.count, by: chunkSize).map { s.items[$0..<min($0 + chunkSize, s.items.count)] }
        let encoded = Parallel.map(chunks.count + 2) { task -> [UInt8] in
            var w = ByteWriter()
            switch task {
            case 0:
                w.int(s.version)
                w.int(s.seq)
                w.optionalString(s.head)
                w.optional(s.rollups) { $0.rollups($1) }
                w.array(s.drafts) { $0.draft($1) }
            case 1:
                w.optional(s.ledger) { $0.ledger($1) }
            default:
                let chunk = chunks[task - 2]
                w = ByteWriter(capacity: chunk.count * 400)
                for item in chunk { w.item(item) }
            }
            return w.bytes
        }
        var out = ByteWriter(capacity: encoded.reduce(64) { $0 + $1.count + 10 })
        out.varint(UInt64(encoded[0].count))
        out.raw(encoded[0])
        out.varint(UInt64(encoded[1].count))
        out.raw(encoded[1])
        out.varint(UInt64(s.items.count))
        out.varint(UInt64(chunks.count))
        for (i, chunk) in chunks.enumerated() {
            out.varint(UInt64(chunk.count))
            out.varint(UInt64(encoded[i + 2].count))
        }
        for chunk in encoded.dropFirst(2) { out.raw(chunk) }
        return out.bytes
    }
}
