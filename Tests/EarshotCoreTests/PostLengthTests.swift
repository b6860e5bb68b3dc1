import EarshotCore
import Testing

@Suite struct PostLengthTests {
    @Test func xCountsEveryLinkAs23() {
        let text = "Book now https://harbourside.gov.example/libraries/events/very/long/path?id=12345 !"
        #expect(PostLength.count(text, for: .x) == "Book now ".count + 23 + " !".count)
        #expect(PostLength.count(text, for: .bluesky) == text.count)
    }

    @Test func xWeighsCJKAndEmojiAsTwo() {
        #expect(PostLength.count("日本", for: .x) == 4)
        #expect(PostLength.count("café 😀", for: .x) == 7)
        #expect(PostLength.count("Zoë “quoted” — ok", for: .x) == 17)
    }

    @Test func blueskyCountsGraphemes() {
        #expect(PostLength.count("👩‍👩‍👧 é 日本", for: .bluesky) == 6)
    }

    @Test func facebookCountsUTF16() {
        #expect(PostLength.count("😀", for: .facebook) == 2)
    }

    @Test func overflowIsWhatIsOverTheLimit() {
        let long = String(repeating: "a", count: 290)
        #expect(PostLength.overflow(long, for: .x) == 10)
        #expect(PostLength.overflow(long, for: .mastodon) == 0)
        #expect(PostLength.overflow(String(repeating: "b", count: 1_000_000), for: .blog) == 0)
    }

    @Test func limitsPerChannel() {
        #expect(Channel.x.textLimit == 280)
        #expect(Channel.bluesky.textLimit == 300)
        #expect(Channel.mastodon.textLimit == 500)
        #expect(Channel.facebook.textLimit == 63_206)
        #expect(Channel.blog.textLimit == nil)
    }
}
