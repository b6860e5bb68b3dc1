/// Fuzzy matching for the command palette and pickers: the query's characters
/// must appear in order in the candidate; matches at word starts and in
/// unbroken runs score higher, so "rc" finds "Request changes" first.
public enum Fuzzy {
    static let match = 16
    static let wordStart = 24
    static let run = 16
    /// Per character skipped between matches; leading skips cost less, capped.
    static let gap = 1
    static let leadCap = 8

    /// A score (higher is better), or nil when `query` is not a subsequence of
    /// `candidate`. Case- and diacritic-insensitive; whitespace in the query is
    /// ignored. An empty query matches everything with score 0.
    public static func score(_ query: String, in candidate: String) -> Int? {
        let q = fold(query).filter { !$0.isWhitespace }
        guard !q.isEmpty else { return 0 }
        let original = Array(candidate)
        let c = fold(candidate)
        guard q.count <= c.count else { return nil }
        let starts = original.indices.map { isWordStart(original, $0) }
        // best[j]: best score with the current query character matched at j.
        // Gaps cost `gap` per skipped character, so the best predecessor is kept as a
        // running maximum of best[k] + k, making the whole search O(query × candidate).
        let none = Int.min / 2
        var best = c.indices.map { j -> Int in
            guard c[j] == q[0] else { return none }
            return match + (starts[j] ? wordStart : 0) - min(j, leadCap) * gap
        }
        for i in 1..<q.count {
            var next = Array(repeating: none, count: c.count)
            var runningMax = none  // max over k < j - 1 of best[k] + k
            for j in 1..<c.count {
                if j >= 2, best[j - 2] > none { runningMax = max(runningMax, best[j - 2] + (j - 2)) }
                guard c[j] == q[i] else { continue }
                let adjacent = best[j - 1] > none ? best[j - 1] + run : none
                let skipped = runningMax > none ? runningMax - (j - 1) * gap : none
                let from = max(adjacent, skipped)
                guard from > none else { continue }
                next[j] = from + match + (starts[j] ? wordStart : 0)
            }
            best = next
        }
        let top = best.max() ?? none
        return top > none ? top : nil
    }

    /// Indices of the candidates that match, best first; equal scores keep input order.
    public static func rank(_ query: String, _ candidates: [String]) -> [(index: Int, score: Int)] {
        candidates.enumerated()
            .compactMap { i, text in score(query, in: text).map { (index: i, score: $0) } }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    }

    /// One folded character per original character, so positions line up.
    private static func fold(_ text: String) -> [Character] {
        text.map { ch in
            if ch.isASCII { return Character(ch.lowercased()) }
            return Normaliser.fold(String(ch)).first ?? ch
        }
    }

    /// Start of a word: first character, after a non-alphanumeric, or a camelCase hump.
    private static func isWordStart(_ chars: [Character], _ j: Int) -> Bool {
        guard j > 0 else { return true }
        let prev = chars[j - 1], cur = chars[j]
        if !(prev.isLetter || prev.isNumber) { return cur.isLetter || cur.isNumber }
        return prev.isLowercase && cur.isUppercase
    }
}
