import Foundation

/// What `/` searches, folded once: every item's text, display name and handle in one
/// byte buffer, so a typed key is a few `memchr` runs over it instead of folding and
/// scanning every item again. Typing on narrows: a query that only adds to the last
/// one is checked against the last matches alone. Matches what `Search.matches`
/// matches (the tests hold it to that), comparing folded bytes rather than characters.
public struct SearchIndex: Sendable {
    /// Folded fields, "\n" between fields and between items; a folded word never holds "\n".
    private var corpus: [UInt8] = []
    private var starts: [Int] = []
    private var ids: [String] = []
    private var slot: [String: Int] = [:]
    /// How often each byte occurs, so each word is looked for by its rarest byte.
    private var frequency = [Int](repeating: 0, count: 256)
    private var last: (words: [String], matches: Set<String>)?

    /// Folds every item; `stop` is asked now and then, and a build it stops is left
    /// partial (its caller throws it away).
    public init<S: Sequence>(items: S, stop: () -> Bool = { false }) where S.Element == InboxItem {
        // The memo of folded words lives for the build only, not in the index.
        var folder = Folder()
        for (n, item) in items.enumerated() {
            if n % 1024 == 0, stop() { return }
            add(item, folder: &folder)
        }
    }

    public var count: Int { ids.count }

    /// Adds a newly received item (an item's text and author never change).
    public mutating func add(_ item: InboxItem) {
        var folder = Folder()
        add(item, folder: &folder)
    }

    private mutating func add(_ item: InboxItem, folder: inout Folder) {
        guard slot[item.id] == nil else { return }
        slot[item.id] = ids.count
        ids.append(item.id)
        starts.append(corpus.count)
        let text = folder.fold(item.text) + "\n" + folder.fold(item.author.displayName) + "\n" + folder.fold(item.author.handle) + "\n"
        for byte in text.utf8 { frequency[Int(byte)] += 1 }
        corpus.append(contentsOf: text.utf8)
        last = nil
    }

    /// The ids of the items matching `query` (every word somewhere in them).
    public mutating func matches(_ query: String) -> Set<String> {
        let words = Normaliser.words(query)
        guard !words.isEmpty else { return Set(ids) }
        let result: Set<String>
        if let last, Self.narrows(last.words, to: words) {
            result = last.matches.filter { id in slot[id].map { self.item($0, hasAll: words) } ?? false }
        } else {
            // Look for the rarest word through the whole buffer, then check the rest per item.
            let order = words.sorted { rarity($0) < rarity($1) }
            var found = Set<String>()
            forEachItem(containing: order[0]) { index in
                if item(index, hasAll: order.dropFirst()) { found.insert(ids[index]) }
            }
            result = found
        }
        last = (words, result)
        return result
    }

    /// True when every item matching `new` must match `old`: the same words, the last
    /// one perhaps longer, perhaps more words after it.
    static func narrows(_ old: [String], to new: [String]) -> Bool {
        guard !old.isEmpty, new.count >= old.count else { return false }
        for (i, word) in old.enumerated() {
            if i == old.count - 1 { if !new[i].contains(word) { return false } } else if new[i] != word { return false }
        }
        return true
    }

    private func rarity(_ word: String) -> Int { word.utf8.map { frequency[Int($0)] }.min() ?? 0 }

    private func item<C: Collection>(_ index: Int, hasAll words: C) -> Bool where C.Element == String {
        let end = index + 1 < starts.count ? starts[index + 1] : corpus.count
        return words.allSatisfy { find($0, in: starts[index]..<end) != nil }
    }

    /// Calls `body` once with each item index whose fields contain `word`.
    private func forEachItem(containing word: String, _ body: (Int) -> Void) {
        var from = 0
        var index = 0
        while let hit = find(word, in: from..<corpus.count) {
            // The item holding the hit; items are in buffer order, so search on from it.
            while index + 1 < starts.count, starts[index + 1] <= hit { index += 1 }
            body(index)
            from = index + 1 < starts.count ? starts[index + 1] : corpus.count
        }
    }

    /// The first offset of `word` within `range`: memchr for the word's rarest byte, then compare.
    private func find(_ word: String, in range: Range<Int>) -> Int? {
        let needle = Array(word.utf8)
        guard !needle.isEmpty else { return range.lowerBound }
        guard range.count >= needle.count else { return nil }
        let anchor = needle.indices.min { frequency[Int(needle[$0])] < frequency[Int(needle[$1])] }!
        if frequency[Int(needle[anchor])] == 0 { return nil }
        return corpus.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            var position = range.lowerBound + anchor
            let last = range.upperBound - needle.count + anchor
            while position <= last {
                guard let hit = memchr(base + position, Int32(needle[anchor]), last - position + 1) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let start = at - anchor
                if needle.withUnsafeBufferPointer({ memcmp(base + start, $0.baseAddress!, needle.count) }) == 0 { return start }
                position = at + 1
            }
            return nil
        }
    }
}

/// Folds text as `Normaliser.fold` does, a whitespace-separated piece at a time with a
/// memo of pieces already seen: folding is per character, and people repeat words.
struct Folder: Sendable {
    private var memo: [Substring: String] = [:]

    mutating func fold(_ text: String) -> String {
        var out = ""
        for piece in text.split(whereSeparator: { $0.unicodeScalars.contains { $0.properties.isWhitespace } }) {
            let folded: String
            if let known = memo[piece] {
                folded = known
            } else {
                folded = Normaliser.fold(String(piece))
                if memo.count < 200_000 { memo[piece] = folded }
            }
            guard !folded.isEmpty else { continue }
            if !out.isEmpty { out += " " }
            out += folded
        }
        return out
    }
}
