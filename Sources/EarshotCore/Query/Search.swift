/// The incremental `/` search: looser than a filter, no keys, just words.
public enum Search {
    /// True when every word of `query` appears (case- and diacritic-insensitive)
    /// somewhere in the item's text, author display name or handle. Words may be
    /// found in different fields and in any order; an empty query matches all.
    public static func matches(_ item: InboxItem, query: String) -> Bool {
        let words = Normaliser.words(query)
        guard !words.isEmpty else { return true }
        // Fold each field once, not once per word; newline keeps fields apart
        // so a word cannot match across the end of one and the start of the next.
        let haystack = Normaliser.fold(item.text) + "\n" + Normaliser.fold(item.author.displayName)
            + "\n" + Normaliser.fold(item.author.handle)
        return words.allSatisfy { haystack.contains($0) }
    }
}
