import EarshotCore
import Foundation

/// A comment or mention as a platform gave it, before Earshot names it: what every
/// mapper produces and what `ArrivalPlanner` turns into `receive` requests.
public struct Arrival: Hashable, Sendable {
    public var channel: Channel
    /// The platform's own id for the post; with the channel, the key for de-duplicating.
    public var platformID: String
    public var handle: String
    public var name: String
    public var text: String
    public var at: Date
    /// The platform id of the post this one answers.
    public var inReplyTo: String?
    public var url: String?
    public var branch: String?
    /// The library's own post (fetched as a thread parent).
    public var fromLibrary: Bool
    /// Set when this is a later version of `editOf` (a Mastodon `update`).
    public var editOf: String?

    public init(
        channel: Channel, platformID: String, handle: String, name: String, text: String, at: Date,
        inReplyTo: String? = nil, url: String? = nil, branch: String? = nil, fromLibrary: Bool = false, editOf: String? = nil
    ) {
        self.channel = channel
        self.platformID = platformID
        self.handle = handle
        self.name = name
        self.text = text
        self.at = at
        self.inReplyTo = inReplyTo
        self.url = url
        self.branch = branch
        self.fromLibrary = fromLibrary
        self.editOf = editOf
    }

    /// The (channel, platform id) pair that identifies a post across fetches and imports.
    public var key: ArrivalKey { ArrivalKey(channel, platformID) }
}

/// (channel, platform id): one post, however often it is fetched or imported.
public struct ArrivalKey: Hashable, Sendable, Codable {
    public var channel: Channel
    public var platformID: String

    public init(_ channel: Channel, _ platformID: String) {
        self.channel = channel
        self.platformID = platformID
    }
}

/// Why a payload could not be read, for the fetcher's report.
public struct MappingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Dates as platforms write them.
public enum PlatformDate {
    /// ISO-8601 with or without fractional seconds or a zone colon ("+0000", as Facebook writes).
    public static func iso(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = plain.date(from: text) ?? fractional.date(from: text) { return d }
        // Microseconds ("…12.273826+00:00") are more digits than the formatter reads: keep milliseconds.
        if let dot = text.firstIndex(of: "."), text.count < 64 {
            let digits = text[text.index(after: dot)...].prefix(while: \.isNumber)
            if digits.count > 3 {
                let trimmed = String(text[...dot]) + digits.prefix(3) + text[text.index(after: dot)...].dropFirst(digits.count)
                if let d = fractional.date(from: trimmed) { return d }
            }
        }
        // "2026-11-27T10:00:00+0000": add the colon ISO8601DateFormatter wants.
        if text.count > 5, let sign = text.dropLast(4).last, sign == "+" || sign == "-" {
            let fixed = String(text.dropLast(2)) + ":" + String(text.suffix(2))
            return plain.date(from: fixed) ?? fractional.date(from: fixed)
        }
        // "2026-11-27 10:00:00" (WordPress GMT times).
        return plain.date(from: text.replacingOccurrences(of: " ", with: "T") + "Z")
    }

    /// RFC 822 dates of RSS ("Fri, 27 Nov 2026 10:00:00 +0000" or "GMT").
    public static func rfc822(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm Z"] {
            f.dateFormat = format
            if let d = f.date(from: text.trimmingCharacters(in: .whitespacesAndNewlines)) { return d }
        }
        return nil
    }
}
