import EarshotCore
import Testing

/// Fuzzy matching for the palette: subsequences, word starts, runs, stable ranking.
@Suite struct FuzzyTests {
    @Test func nilWhenNotASubsequence() {
        #expect(Fuzzy.score("xyz", in: "approve") == nil)
        #expect(Fuzzy.score("pa", in: "ap") == nil)
        #expect(Fuzzy.score("approves", in: "approve") == nil)
        #expect(Fuzzy.score("a", in: "") == nil)
    }

    @Test func emptyQueryMatchesEverythingEqually() {
        #expect(Fuzzy.score("", in: "anything") == 0)
        #expect(Fuzzy.score("  ", in: "") == 0)
    }

    @Test func caseAndDiacriticsDoNotMatter() {
        #expect(Fuzzy.score("CAFE", in: "café hours") != nil)
        #expect(Fuzzy.score("é", in: "Cafe") != nil)
        #expect(Fuzzy.score("Ap", in: "approve") == Fuzzy.score("ap", in: "APPROVE"))
    }

    @Test func wordStartsBeatMidWordMatches() throws {
        let starts = try #require(Fuzzy.score("rc", in: "Request changes"))
        let middle = try #require(Fuzzy.score("rc", in: "recent"))
        #expect(starts > middle)
        let camel = try #require(Fuzzy.score("sv", in: "savedView"))
        let flat = try #require(Fuzzy.score("sv", in: "saveview"))
        #expect(camel > flat)
    }

    @Test func consecutiveRunsBeatScatteredLetters() throws {
        let run = try #require(Fuzzy.score("app", in: "xapprove"))
        let scattered = try #require(Fuzzy.score("app", in: "xaxpxp"))
        #expect(run > scattered)
    }

    @Test func findsTheBestAlignmentNotTheFirst() throws {
        // Greedy would take the first 'a' and the 'p' of "map"; the best alignment is
        // the word start "ap" of "apply", so adding that word must raise the score.
        let greedyOnly = try #require(Fuzzy.score("ap", in: "a map"))
        let withWord = try #require(Fuzzy.score("ap", in: "a map apply"))
        #expect(withWord > greedyOnly)
    }

    @Test func rankIsBestFirstAndStableOnTies() {
        let items = ["Reject draft", "Approve draft", "Archive", "Approve draft", "Quit", "Map"]
        let ranked = Fuzzy.rank("ap", items)
        #expect(ranked.map(\.index) == [1, 3, 5])
        #expect(ranked[0].score == ranked[1].score)
        #expect(ranked[1].score > ranked[2].score)
        #expect(Fuzzy.rank("", ["b", "a"]).map(\.index) == [0, 1])
        #expect(Fuzzy.rank("zz", ["a", "b"]).isEmpty)
        #expect(Fuzzy.rank("a", []).isEmpty)
    }

    @Test func longCandidatesStayQuick() {
        let long = String(repeating: "ab ", count: 2_000) + "needle"
        #expect(Fuzzy.score("needle", in: long) != nil)
        #expect(Fuzzy.score("nnnnnnnnnn", in: long) == nil)
    }
}
