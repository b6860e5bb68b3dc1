import Foundation

/// Text as a list of normalised words, for phrase rules that punctuation cannot
/// dodge: case and accents folded, invisible characters ignored, and anything that
/// is not a letter or a digit (hyphens, dashes, dots, underscores, runs of spaces)
/// a word boundary.
enum PhraseWords {
    struct Word: Equatable {
        var word: String
        /// Character (grapheme) offsets in the original text.
        var range: Range<Int>
    }

    static func split(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var start = 0
        var end = 0
        func flush() {
            if !current.isEmpty { words.append(Word(word: current, range: start..<end)) }
            current = ""
        }
        for (offset, character) in text.enumerated() {
            let scalars = character.unicodeScalars.filter { $0.properties.generalCategory != .format }
            if scalars.isEmpty { continue } // zero-width: neither a letter nor a boundary
            let folded = String(String.UnicodeScalarView(scalars))
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .lowercased()
            let kept = folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            if kept.isEmpty {
                flush()
            } else {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(contentsOf: kept)
                end = offset + 1
            }
        }
        flush()
        return words
    }

    /// Where the words of `phrase` occur in a row in `words`, as character ranges.
    static func occurrences(of phrase: [String], in words: [Word]) -> [Range<Int>] {
        guard !phrase.isEmpty, phrase.count <= words.count else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i + phrase.count <= words.count {
            if (0..<phrase.count).allSatisfy({ words[i + $0].word == phrase[$0] }) {
                found.append(words[i].range.lowerBound..<words[i + phrase.count - 1].range.upperBound)
                i += phrase.count
            } else {
                i += 1
            }
        }
        return found
    }
}
