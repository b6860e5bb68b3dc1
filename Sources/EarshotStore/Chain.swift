import Crypto
import Foundation

/// The journal's hash chain: every event line carries in "prev" the SHA-256 of the
/// line before it (its exact bytes, without the newline), through
/// `archive/events.jsonl` and then `journal.jsonl`. Changing, removing or inserting a
/// line breaks the chain at the next line; `earshot verify` walks it end to end.
public enum Chain {
    /// What a store's first event chains from.
    public static let genesis = String(repeating: "0", count: 64)

    /// Lowercase hex SHA-256 of one line's bytes.
    public static func hash<Bytes: DataProtocol>(_ line: Bytes) -> String {
        // Hand-rolled hex: String(format:) per byte costs more than the hash itself.
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: line) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Text from a journal line made safe to quote in a message that may reach a
    /// terminal unsanitised (an error thrown through a CLI verb): controls and
    /// invisible format characters become U+FFFD.
    static func quote(_ text: String) -> String {
        let scalars = text.unicodeScalars.prefix(64).map { scalar -> Unicode.Scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: "\u{FFFD}"
            default: scalar
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Shortened for messages: enough to tell two hashes apart by eye.
    static func short(_ hash: String?) -> String {
        guard let hash else { return "none" }
        return String(hash.prefix(12)) + "…"
    }
}
