import Foundation

/// Appends values to a byte buffer in Earshot's compact binary form: unsigned LEB128
/// varints, zigzag for signed numbers, strings as a varint length and their UTF-8
/// bytes, times as the bits of their Double. `ByteReader` reads it back. Used for the
/// derived snapshot cache; the JSON files stay the source of truth.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zigzag, so small negative numbers stay short.
    public mutating func int(_ value: Int) {
        let v = Int64(value)
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func double(_ value: Double) { uint64(value.bitPattern) }

    /// The exact Double a `Date` holds, so it comes back equal, fractions and all.
    public mutating func date(_ value: Date) { double(value.timeIntervalSinceReferenceDate) }

    public mutating func string(_ value: String) {
        var s = value
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// 0 for nil, 1 then the value.
    public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let value {
            bytes.append(1)
            write(&self, value)
        } else {
            bytes.append(0)
        }
    }

    public mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }
    public mutating func optionalDate(_ value: Date?) { optional(value) { $0.date($1) } }
    public mutating func optionalBool(_ value: Bool?) { optional(value) { $0.bool($1) } }

    public mutating func array<C: Collection>(_ values: C, _ write: (inout ByteWriter, C.Element) -> Void) {
        varint(UInt64(values.count))
        for v in values { write(&self, v) }
    }

    public mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }
}
