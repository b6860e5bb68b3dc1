/// XXH64 (Yann Collet's xxHash, 64-bit, seed 0), written out here: a checksum that
/// reads eight bytes a step in four independent lanes, fast enough to check a
/// 50 MB cache on every open (SHA-256 would take longer than decoding it). It
/// detects damage, not forgery; who may write the cache is checked separately.
enum WordHash {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash(UnsafeRawBufferPointer($0)) }
    }

    static func hash(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = buffer.baseAddress else { return avalanche(p5) }
        let count = buffer.count
        @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var i = 0
        var h: UInt64
        if count >= 32 {
            var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4 = 0 &- p1
            while i + 32 <= count {
                v1 = round(v1, word(i))
                v2 = round(v2, word(i + 8))
                v3 = round(v3, word(i + 16))
                v4 = round(v4, word(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(merge(merge(merge(h, v1), v2), v3), v4)
        } else {
            h = p5
        }
        h &+= UInt64(count)
        while i + 8 <= count {
            h = rotl(h ^ round(0, word(i)), 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= count {
            let w = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            h = rotl(h ^ (w &* p1), 23) &* p2 &+ p3
            i += 4
        }
        while i < count {
            h = rotl(h ^ (UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &* p5), 11) &* p1
            i += 1
        }
        return avalanche(h)
    }

    private static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}
