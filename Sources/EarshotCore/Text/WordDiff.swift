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
/// Each word is compared with the whitespace after it, so a space is never a match
/// of its own, and the spans put together give back each text exactly
/// (same + removed = old, same + added = new).
public enum WordDiff {
    public static func diff(_ old: String, _ new: String) -> [DiffSpan] {
        let a = words(old), b = words(new)
        // The standard library's Myers diff: shortest edit, no quadratic table.
        let changes = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var spans: [DiffSpan] = []
        var gone = "", added = ""
        func add(_ kind: DiffSpan.Kind, _ text: String) {
            guard !text.isEmpty else { return }
            if let last = spans.last, last.kind == kind {
                spans[spans.count - 1].text += text
            } else {
                spans.append(DiffSpan(kind: kind, text: text))
            }
        }
        // A change ends where both sides agree again; whitespace both sides end with
        // is shared, so it is shown unchanged and the marks hug the words.
        func closeChange() {
            var shared = ""
            while let x = gone.last, let y = added.last, x == y, x.isWhitespace {
                shared.insert(x, at: shared.startIndex)
                gone.removeLast()
                added.removeLast()
            }
            add(.removed, gone)
            add(.added, added)
            add(.same, shared)
            gone = ""
            added = ""
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                gone += a[i]; i += 1
            } else if j < b.count, inserted.contains(j) {
                added += b[j]; j += 1
            } else {
                closeChange()
                add(.same, String(a[i])); i += 1; j += 1
            }
        }
        closeChange()
        return spans
    }

    /// Words with the whitespace that follows them (leading whitespace is a token of
    /// its own); joined, they give back the text exactly.
    static func words(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var previousWasSpace = false
        for i in text.indices {
            let space = text[i].isWhitespace
            if !space, previousWasSpace, i > start {
                result.append(text[start..<i])
                start = i
            }
            previousWasSpace = space
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
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
