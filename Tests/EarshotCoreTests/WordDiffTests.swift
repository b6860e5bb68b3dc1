import EarshotCore
import Testing

@Suite struct WordDiffTests {
    func rebuilt(_ spans: [DiffSpan], keeping kinds: Set<String>) -> String {
        spans.filter { kinds.contains("\($0.kind)") }.map(\.text).joined()
    }

    @Test(arguments: [
        ("Story time at 10:30!", "Story time at 11:00, with songs!"),
        ("", "All new"),
        ("Gone entirely", ""),
        ("日本語の 本 を 借りたい 😀", "日本語の 雑誌 を 借りたい 😀👍"),
        ("line one\nline two\n\nend", "line one\nline 2\nend"),
        ("same", "same"),
    ])
    func spansRebuildBothTextsExactly(old: String, new: String) {
        let spans = WordDiff.diff(old, new)
        #expect(rebuilt(spans, keeping: ["same", "removed"]) == old)
        #expect(rebuilt(spans, keeping: ["same", "added"]) == new)
    }

    @Test func onlyTheChangedWordsAreMarked() {
        let spans = WordDiff.diff("Open on Saturday at 10:30", "Open on Sunday at 10:30")
        #expect(spans == [
            DiffSpan(kind: .same, text: "Open on "),
            DiffSpan(kind: .removed, text: "Saturday"),
            DiffSpan(kind: .added, text: "Sunday"),
            DiffSpan(kind: .same, text: " at 10:30"),
        ])
    }

    /// Whitespace is not a word: a sentence present in both revisions stays whole.
    @Test func sharedWordsStayUnchangedWhenTheSentenceAroundThemChanges() {
        let old = "Code club on Tuesdays: make games and animations with Scratch. Ages 8 to 12."
        let new = "Code club every Tuesday at 4pm: make games and animations with Scratch, or try Python. Ages 8 to 14."
        let spans = WordDiff.diff(old, new)
        #expect(rebuilt(spans, keeping: ["same", "removed"]) == old)
        #expect(rebuilt(spans, keeping: ["same", "added"]) == new)
        #expect(spans.contains { $0.kind == .same && $0.text.contains("make games and animations with") })
        for span in spans where span.kind != .same {
            #expect(!span.text.contains("games"), "'\(span.text)' was marked \(span.kind)")
            #expect(!span.text.contains("animations"), "'\(span.text)' was marked \(span.kind)")
        }
        #expect(spans.filter { $0.kind == .removed }.map(\.text) == ["on Tuesdays:", "Scratch.", "12."])
    }

    @Test func longTextsStillDiff() {
        let old = (0..<3000).map { "w\($0)" }.joined(separator: " ")
        let new = old.replacingOccurrences(of: "w1500 ", with: "changed ")
        let spans = WordDiff.diff(old, new)
        #expect(spans.filter { $0.kind == .removed }.map(\.text) == ["w1500"])
        #expect(rebuilt(spans, keeping: ["same", "added"]) == new)
    }
}
