import Foundation

/// Counts a text the way a platform counts it against its limit.
public enum PostLength {
    /// Length of a link as X and Mastodon count it, whatever its real length.
    public static let linkWeight = 23

    public static func count(_ text: String, for channel: Channel) -> Int {
        switch channel {
        case .x:
            // X weighs text: Latin and common punctuation count 1, everything else
            // (CJK, emoji…) 2 per grapheme; every link counts 23.
            var total = 0
            for word in WordDiff.tokens(text) {
                total += isLink(word) ? linkWeight : word.reduce(0) { $0 + xWeight($1) }
            }
            return total
        case .mastodon:
            // Every http(s) link counts as 23; the rest by grapheme.
            var total = 0
            for word in WordDiff.tokens(text) {
                total += isLink(word) ? linkWeight : word.count
            }
            return total
        case .bluesky, .flickr, .blog:
            return text.count
        case .facebook:
            return text.utf16.count
        }
    }

    /// How many characters are over the channel's limit (0 when it fits).
    public static func overflow(_ text: String, for channel: Channel) -> Int {
        guard let limit = channel.textLimit else { return 0 }
        return max(0, count(text, for: channel) - limit)
    }

    /// X's weighting: graphemes made only of these ranges weigh 1, any other 2.
    static func xWeight(_ c: Character) -> Int {
        let light = c.unicodeScalars.allSatisfy { u in
            let v = u.value
            return v <= 0x10FF || (0x2000...0x200D).contains(v) || (0x2010...0x201F).contains(v) || (0x2032...0x2037).contains(v)
        }
        return light ? 1 : 2
    }

    private static func isLink(_ word: Substring) -> Bool {
        word.hasPrefix("https://") || word.hasPrefix("http://")
    }
}
