import EarshotCore
import EarshotStore
import Foundation

/// Keys chosen from the outbox entry before anything is sent, so every retry of the
/// same post (after a crash, in another process) uses the same one.
public enum DeliveryKey {
    /// Draft, revision and channel: what makes one outbox entry. Mastodon's Idempotency-Key.
    public static func key(_ post: OutboxPost) -> String {
        "earshot-\(post.draft)-r\(post.revision)-\(post.channel.rawValue)"
    }

    /// A Bluesky record key (TID): the publication time in microseconds and a clock id
    /// from the key, in base32-sortable, 13 characters.
    public static func tid(_ post: OutboxPost) -> String {
        let micros = UInt64(max(0, post.publishedAt.timeIntervalSince1970 * 1_000_000)) & ((1 << 53) - 1)
        let clock = fnv1a(key(post)) & 0x3FF
        var value = (micros << 10) | clock
        let alphabet = Array("234567abcdefghijklmnopqrstuvwxyz")
        var out = [Character](repeating: "2", count: 13)
        for i in (0..<13).reversed() {
            out[i] = alphabet[Int(value & 31)]
            value >>= 5
        }
        return String(out)
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
