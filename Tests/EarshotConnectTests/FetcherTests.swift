import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation
import Testing

/// Each fetcher against a local server that speaks the platform's documented shapes.
@Suite(.serialized) struct FetcherTests {
    @Test func mastodonPagesThroughMentionsAndFetchesTheThreadAbove() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "45"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, branch: "quayside", login: "alice"),
                       secret: Data("alice_token\n".utf8))
        let outcome = t.runner().run(try t.book.account("mast"))
        #expect(outcome.error == nil)
        let mentions = t.items.filter { !$0.fromLibrary }
        #expect(mentions.count == 45)
        #expect(mentions.allSatisfy { $0.branch == "quayside" && $0.status == .new })
        #expect(mentions.contains { $0.text.contains("Quayside branch & its <hours>") })
        // Replies to the library's post brought it in, marked as ours, and joined it.
        let ours = try #require(t.items.first { $0.fromLibrary })
        #expect(ours.text.contains("open late on Thursdays"))
        #expect(mentions.filter { $0.inReplyTo == ours.id }.count == 9)
        // Fetching again brings nothing twice.
        let again = t.runner().run(try t.book.account("mast"))
        #expect(again.error == nil)
        #expect(again.report.received == 0)
        #expect(t.items.count == 46)
        let history = try t.store.history()
        #expect(history.filter { if case .received = $0.change { true } else { false } }.allSatisfy { $0.actor == "fetch:mast" })
    }

    @Test func blueskySharesOneSessionPagesToTheLastSeenAndFindsParents() throws {
        let server = try LocalServer("platforms.py", ["--items", "120"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "bsky", platform: .bluesky, instance: server.base, branch: "central", login: "library.bsky.social"),
                       secret: Data("abcd-efgh-ijkl-mnop".utf8))
        #expect(t.runner().run(try t.book.account("bsky")).error == nil)
        #expect(t.items.filter { !$0.fromLibrary }.count == 120)
        let own = try #require(t.items.first { $0.fromLibrary })
        #expect(own.author.handle == "@library.bsky.social")
        let first = try #require(t.items.first { $0.platformID.hasSuffix("/r0") })
        #expect(first.inReplyTo == own.id)
        let fifth = try #require(t.items.first { $0.platformID.hasSuffix("/r4") })
        #expect(fifth.inReplyTo == ArrivalPlanner.itemID(ArrivalKey(.bluesky, "at://did:plc:reader3/app.bsky.feed.post/r3")))
        // The facet's whole address replaces the shortened text.
        #expect(t.items.first { $0.platformID.hasSuffix("/r8") }?.text.contains("https://example.org/a/very/long/path") == true)
        try server.control("add", ["count": 3])
        let second = t.runner().run(try t.book.account("bsky"))
        #expect(second.error == nil)
        #expect(second.report.received == 3)
        // One login for both runs: the session was stored and reused.
        #expect(try server.control("log")["sessions"] as? Int == 1)
        // Paged until the newest already seen: the second run read one page.
        #expect(try server.log().filter { $0.hasSuffix("listNotifications") }.count == 4)
    }

    @Test func wordpressPagesSeesHeldCommentsWithAnAppPasswordAndThreads() throws {
        let server = try LocalServer("platforms.py", ["--items", "230"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "blog", platform: .wordpress, instance: server.base, login: "editor"), secret: Data("wp-app-pass".utf8))
        #expect(t.runner().run(try t.book.account("blog")).error == nil)
        #expect(t.items.count == 230)
        #expect(t.items.allSatisfy { $0.channel == .blog })
        let reply = try #require(t.items.first { $0.platformID == "5" })
        #expect(reply.inReplyTo == ArrivalPlanner.itemID(ArrivalKey(.blog, "4")))
        #expect(reply.text == "Comment 4 about Quayside & the <hours> &amp; more")
    }

    @Test func rssAndAtomFeedsWithThreading() throws {
        let server = try LocalServer("platforms.py", ["--items", "10"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "rss", platform: .feed, instance: server.base + "/feed.xml"), secret: nil)
        try t.book.add(Account(name: "flickr", platform: .feed, instance: server.base + "/atom.xml", channel: .flickr), secret: nil)
        #expect(t.runner().run(try t.book.account("rss")).error == nil)
        #expect(t.runner().run(try t.book.account("flickr")).error == nil)
        #expect(t.items.filter { $0.channel == .blog }.count == 10)
        let flickr = t.items.filter { $0.channel == .flickr }
        #expect(flickr.count == 10)
        let reply = try #require(flickr.first { $0.platformID == "tag:blog.example,2026:c4" })
        #expect(reply.inReplyTo == ArrivalPlanner.itemID(ArrivalKey(.flickr, "tag:blog.example,2026:c3")))
        #expect(reply.text == "Comment 4 about Quayside & the <hours> &amp; more")
        #expect(reply.author.displayName == "Reader 4")
        // The conditional GET: nothing changed, nothing re-read.
        #expect(t.runner().run(try t.book.account("rss")).report.received == 0)
    }

    @Test func facebookFollowsPagingAcrossPosts() throws {
        let server = try LocalServer("platforms.py", ["--items", "130"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "fb", platform: .facebook, instance: server.base + "/v21.0", login: "1000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        let outcome = t.runner().run(try t.book.account("fb"))
        #expect(outcome.error == nil)
        #expect(t.items.count == 130)
        #expect(t.items.allSatisfy { $0.channel == .facebook && $0.inReplyTo == nil })
    }

    @Test func xPagesAndThenAsksOnlyForNewerMentions() throws {
        let server = try LocalServer("platforms.py", ["--items", "250"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        #expect(t.runner().run(try t.book.account("x")).error == nil)
        #expect(t.items.count == 250)
        #expect(t.items.first { $0.platformID == "10000004" }?.inReplyTo == ArrivalPlanner.itemID(ArrivalKey(.x, "10000003")))
        #expect(try FetchState.load(t.store.files, account: "x").cursor == "10000249")
        try server.control("add", ["count": 2])
        let second = t.runner().run(try t.book.account("x"))
        #expect(second.report.received == 2)
        #expect(second.report.known == 0)
    }
}
