import Foundation

/// Reads what `ByteWriter` wrote, checking every bound: a length past the end, a
/// varint too long or an unknown tag throws `ByteReader.Damaged`, so
/// a truncated or garbled cache is noticed instead of trusted or crashed on.
/// Works on memory the caller keeps alive for the reader's whole life.
public struct ByteReader {
    public struct Damaged: Error, CustomStringConvertible {
        public var offset: Int
        public var what: String
        public var description: String { "\(what) at byte \(offset)" }
    }

    private let base: UnsafePointer<UInt8>
    public let end: Int
    public private(set) var position: Int

    /// `bytes` must outlive the reader (it is used inside `withUnsafeBufferPointer`).
    public init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) {
        // An empty buffer may have no base address; point at something harmless.
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.end = min(end ?? bytes.count, bytes.count)
        position = min(start, self.end)
    }

    public var remaining: Int { end - position }
    public var isAtEnd: Bool { position == end }

    public func damaged(_ what: String) -> Damaged { Damaged(offset: position, what: what) }

    @inline(__always)
    public mutating func byte() throws -> UInt8 {
        guard position < end else { throw damaged("unexpected end") }
        defer { position += 1 }
        return base[position]
    }

    @inline(__always)
    public mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw damaged("unexpected end in a number") }
            let b = base[position]
            position += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw damaged("number too long") }
        }
    }

    public mutating func int() throws -> Int {
        let z = try varint()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of things still to read, each at least `minimumSize` bytes: anything
    /// larger than what is left is damage, caught before memory is reserved for it.
    public mutating func count(minimumSize: Int = 1) throws -> Int {
        let n = try varint()
        guard n <= UInt64(remaining / max(1, minimumSize)) else { throw damaged("count \(n) runs past the end") }
        return Int(n)
    }

    public mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw damaged("bad boolean \(b)")
        }
    }

    public mutating func uint64() throws -> UInt64 {
        guard remaining >= 8 else { throw damaged("unexpected end in a word") }
        let v = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
        position += 8
        return UInt64(littleEndian: v)
    }

    public mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    public mutating func date() throws -> Date { Date(timeIntervalSinceReferenceDate: try double()) }

    public mutating func string() throws -> String {
        let n = try count()
        if n == 0 { return "" }
        // `String(decoding:)` on a buffer pointer is the standard library's fast path (the
        // generic `String(validating:)` was a fifth of the decoding time). It validates
        // too, and mends what is not UTF-8 rather than failing: bytes that pass the
        // body's checksum are the bytes a Swift string wrote, so nothing is lost.
        let s = String(decoding: UnsafeBufferPointer(start: base + position, count: n), as: UTF8.self)
        position += n
        return s
    }

    /// Skips `n` bytes (a section read elsewhere).
    public mutating func skip(_ n: Int) throws {
        guard n >= 0, n <= remaining else { throw damaged("section runs past the end") }
        position += n
    }

    /// A one-byte tag looked up in `table`; anything else is damage.
    public mutating func tag<T>(_ table: [T]) throws -> T {
        let b = Int(try byte())
        guard b < table.count else { throw damaged("unknown tag \(b)") }
        return table[b]
    }

    public mutating func optional<T>(_ read: (inout ByteReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        case let b: throw damaged("bad optional marker \(b)")
        }
    }

    public mutating func optionalString() throws -> String? { try optional { try $0.string() } }
    public mutating func optionalDate() throws -> Date? { try optional { try $0.date() } }
    public mutating func optionalBool() throws -> Bool? { try optional { try $0.bool() } }

    public mutating func array<T>(minimumSize: Int = 1, _ read: (inout ByteReader) throws -> T) throws -> [T] {
        let n = try count(minimumSize: minimumSize)
        if n == 0 { return [] }
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try read(&self)) }
        return result
    }

    public mutating func strings() throws -> [String] { try array { try $0.string() } }
}
