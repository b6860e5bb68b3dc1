/// A run of text that two revisions share, or that one of them added or removed.
public struct DiffSpan: Hashable, Sendable {
    public enum Kind: Sendable { case same, added, removed }
    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Word-level differences between two texts, for comparing revisions of a draft.
/// Tokens are words and the whitespace between them, so the spans put together
/// give back each text exactly (same + removed = old, same + added = new).
public enum WordDiff {
    /// Above this many tokens on both sides, the middle is compared as one block
    /// after trimming the common start and end, to keep memory bounded.
    static let tableLimit = 4_000

    public static func diff(_ old: String, _ new: String) -> [DiffSpan] {
        let a = tokens(old), b = tokens(new)
        // Common start and end never need the table.
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        var spans: [DiffSpan] = []
        func add(_ kind: DiffSpan.Kind, _ text: Substring) {
            guard !text.isEmpty else { return }
            if let last = spans.last, last.kind == kind {
                spans[spans.count - 1].text += text
            } else {
                spans.append(DiffSpan(kind: kind, text: String(text)))
            }
        }
        for t in a[0..<start] { add(.same, t) }
        let midA = Array(a[start..<endA]), midB = Array(b[start..<endB])
        if midA.count > tableLimit || midB.count > tableLimit {
            for t in midA { add(.removed, t) }
            for t in midB { add(.added, t) }
        } else {
            for (kind, t) in lcsDiff(midA, midB) { add(kind, t) }
        }
        for t in a[endA...] { add(.same, t) }
        return spans
    }

    /// Longest common subsequence over tokens; removals before additions at each change.
    private static func lcsDiff(_ a: [Substring], _ b: [Substring]) -> [(DiffSpan.Kind, Substring)] {
        let n = a.count, m = b.count
        guard n > 0 || m > 0 else { return [] }
        // lengths[i][j] = LCS of a[i...] and b[j...], flattened.
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] = a[i] == b[j]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var out: [(DiffSpan.Kind, Substring)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out.append((.same, a[i])); i += 1; j += 1
            } else if j >= m || (i < n && lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1]) {
                out.append((.removed, a[i])); i += 1
            } else {
                out.append((.added, b[j])); j += 1
            }
        }
        return out
    }

    /// Words (with their punctuation) and whitespace runs, alternating; joined,
    /// they give back the text exactly. Post lengths count over the same tokens.
    static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var inSpace: Bool?
        for i in text.indices {
            let space = text[i].isWhitespace
            if let current = inSpace, current != space {
                result.append(text[start..<i])
                start = i
            }
            inSpace = space
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }
}
