import Foundation

/// One way of comparing text for search and filters, so `/` search, filter
/// phrases, tags and fuzzy matching all agree on what "the same" means.
public enum Normaliser {
    /// Case-, diacritic- and width-insensitive form of `text` ("Café" → "cafe"),
    /// with invisible format characters removed (so a zero-width space cannot
    /// hide a word from a filter) and runs of whitespace collapsed to one space.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.generalCategory == .format { continue }
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// `fold`, without the work for what is already folded: printable ASCII with no
    /// capitals or spaces (tags, logins, branch ids) folds to itself.
    public static func foldIfNeeded(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !($0 >= 0x41 && $0 <= 0x5A) }
        return plain ? text : fold(text)
    }

    /// The folded words of `text`, split on whitespace; empty words dropped.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// True when `needle` (already folded) occurs in the folded `haystack`.
    /// An empty needle is found everywhere.
    static func contains(_ haystack: String, folded needle: String) -> Bool {
        needle.isEmpty || fold(haystack).contains(needle)
    }
}
