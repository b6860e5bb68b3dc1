import Foundation

/// Links and mentions in a post's text, with the UTF-8 byte offsets Bluesky's
/// `app.bsky.richtext.facet` counts in (not characters, not UTF-16).
public enum BlueskyFacets {
    public enum Kind: Equatable, Sendable {
        case link(String)
        /// A handle without its "@"; its DID is looked up before sending.
        case mention(String)
    }

    public struct Span: Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var kind: Kind
    }

    public static func spans(in text: String) -> [Span] {
        var out: [Span] = []
        let patterns: [(String, (String) -> Kind)] = [
            (#"https?://[^\s]+"#, { .link($0) }),
            (#"(?<![\w@])@[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+"#, { .mention(String($0.dropFirst())) }),
        ]
        for (pattern, kind) in patterns {
            var from = text.startIndex
            while let range = text.range(of: pattern, options: .regularExpression, range: from..<text.endIndex) {
                var end = range.upperBound
                // A sentence's full stop or closing bracket is not part of the link.
                while end > range.lowerBound, ".,;:!?)]\"'".contains(text[text.index(before: end)]) {
                    end = text.index(before: end)
                }
                let value = String(text[range.lowerBound..<end])
                out.append(Span(start: text.utf8.distance(from: text.startIndex, to: range.lowerBound),
                                end: text.utf8.distance(from: text.startIndex, to: end), kind: kind(value)))
                from = range.upperBound
            }
        }
        return out.sorted { $0.start < $1.start }
    }
}
