import EarshotCore
import Foundation
import Testing

/// The `/` search and the shared normaliser it rests on.
@Suite struct SearchTests {
    let item = InboxItem(
        id: "i-1", channel: .mastodon, platformID: "m-1", author: Author(handle: "@zoe@toot.example", displayName: "Zoë Brontë"),
        text: "Loved the Café storytime — thank you!", receivedAt: Date(timeIntervalSince1970: 0))

    @Test func foldIgnoresCaseDiacriticsWidthAndInvisibles() {
        #expect(Normaliser.fold("Café") == "cafe")
        #expect(Normaliser.fold("ÉCOLE") == "ecole")
        #expect(Normaliser.fold("Ｆｕｌｌ") == "full")
        #expect(Normaliser.fold("a\u{200B}b\u{2066}c") == "abc")
        #expect(Normaliser.fold("  two \n\t words  ") == "two words")
        #expect(Normaliser.fold("") == "")
        #expect(Normaliser.words("  Opening  HOURS ") == ["opening", "hours"])
    }

    @Test func everyWordMustAppearSomewhere() {
        #expect(Search.matches(item, query: "cafe"))
        #expect(Search.matches(item, query: "storytime zoe"))
        #expect(Search.matches(item, query: "BRONTE loved"))
        #expect(Search.matches(item, query: "toot.example"))
        #expect(!Search.matches(item, query: "cafe closed"))
    }

    @Test func partialWordsMatchForIncrementalTyping() {
        #expect(Search.matches(item, query: "st"))
        #expect(Search.matches(item, query: "story"))
        #expect(Search.matches(item, query: "thank y"))
    }

    @Test func emptyQueryMatchesAll() {
        #expect(Search.matches(item, query: ""))
        #expect(Search.matches(item, query: "   "))
    }

    @Test func wordsDoNotSpanFields() {
        // Text ends "you!", display name starts "Zoë": no word "!zoe" across them.
        #expect(!Search.matches(item, query: "you!zoe"))
    }
}
