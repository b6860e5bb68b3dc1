import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// `deliver` against local platforms: each post lands once, unclear failures are
/// settled by asking the platform, and every outcome is recorded.
@Suite(.serialized) struct DeliveryTests {
    static let clock: @Sendable () -> Date = { Fixture.now }

    /// A post written by priya, approved by morgan, released by publish.
    func publish(_ t: TestStore, _ id: String, _ channels: [Channel], _ text: String, replyTo item: InboxItem? = nil) throws {
        let store = t.store
        if let item {
            _ = try store.apply(Request(.receive(item), by: "receive"), at: Fixture.now)
            _ = try store.apply(Request(.reply(draft: id, item: item.id, text: text, startedAt: Fixture.now), by: "priya"), at: Fixture.now)
        } else {
            _ = try store.apply(Request(.createDraft(id: id, channels: channels, text: text, inReplyTo: nil), by: "priya"), at: Fixture.now)
            _ = try store.apply(Request(.submit(draft: id), by: "priya"), at: Fixture.now)
            _ = try store.apply(Request(.approve(draft: id, revision: 1), by: "morgan"), at: Fixture.now)
        }
        let report = try store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        #expect(report.published[id]?.count == channels.count)
    }

    func accounts(_ t: TestStore, _ server: LocalServer) throws {
        try t.book.add(Account(name: "bsky", platform: .bluesky, instance: server.base, login: "library.bsky.social"), secret: Data("abcd-efgh-ijkl-mnop".utf8))
        try t.book.add(Account(name: "fb", platform: .facebook, instance: server.base, login: "1000"), secret: Data("test-token-0123456789abcdef".utf8))
        try t.book.add(Account(name: "blog", platform: .wordpress, instance: server.base, login: "editor"), secret: Data("wp-app-pass".utf8))
    }

    func deliverer(_ t: TestStore, timeout: TimeInterval = 10) -> Deliverer {
        Deliverer(store: t.store, http: Polite(client: URLSessionClient(timeout: timeout), backoff: 0.01, sleep: { _ in }),
                  firstRetry: 0, clock: Self.clock)
    }

    func posts(_ server: LocalServer) throws -> [[String: Any]] {
        let r = try URLSessionClient().send(HTTPRequest("GET", URL(string: "\(server.base)/_control/posts")!))
        return ((try JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["posts"] as? [[String: Any]]) ?? []
    }

    func delivery(_ t: TestStore, _ id: String, _ channel: Channel) -> Delivery? {
        try? t.store.refresh()
        return t.store.workspace.drafts[id]?.delivery(channel)
    }

    @Test func aPublishedPostLandsOnceOnEveryChannelWithItsLink() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.bluesky, .facebook, .blog], "Story time at Central, Saturday 10:30 ✨ https://library.example/events. Ask @reader.bsky.social")
        let report = try deliverer(t).run()
        #expect(report.delivered.count == 3)
        #expect(report.failed.isEmpty && report.problems.isEmpty)
        let sent = try posts(server)
        #expect(sent.count == 3)
        #expect(Set(sent.compactMap { $0["platform"] as? String }) == ["bluesky", "facebook", "wordpress"])
        let bsky = try #require(delivery(t, "d-1", .bluesky))
        #expect(bsky.state == .delivered)
        #expect(bsky.url == "https://bsky.app/profile/library.bsky.social/post/\(bsky.key)")
        #expect(bsky.key.count == 13)
        // Facets count UTF-8 bytes: the sparkle is three of them.
        let record = try #require(sent.first { $0["platform"] as? String == "bluesky" }?["record"] as? [String: Any])
        let facets = try #require(record["facets"] as? [[String: Any]])
        let link = try #require(facets.first)["index"] as? [String: Int]
        let text = "Story time at Central, Saturday 10:30 ✨ "
        #expect(link?["byteStart"] == text.utf8.count)
        #expect(link?["byteEnd"] == text.utf8.count + "https://library.example/events".utf8.count)
        #expect(facets.count == 2)
        #expect(delivery(t, "d-1", .facebook)?.url == "https://www.facebook.com/1000_101")
        // A second run sends nothing.
        let again = try deliverer(t).run()
        #expect(again.delivered.isEmpty)
        #expect(try posts(server).count == 3)
        let history = try t.store.history()
        #expect(history.filter { if case .delivered = $0.change { true } else { false } }.allSatisfy { $0.actor == "deliver" })
    }

    @Test func aServerErrorAfterStoringIsSettledByAskingThePlatformNotBySendingAgain() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.bluesky, .facebook, .blog], "Winter hours start Monday.")
        for part in ["createRecord", "/1000/feed", "/wp/v2/posts"] {
            try server.control("fault", ["path": part, "status": 502, "after": true])
        }
        let first = try deliverer(t).run()
        #expect(first.failed.count == 3)
        #expect(delivery(t, "d-1", .facebook)?.state == .failed)
        #expect(delivery(t, "d-1", .facebook)?.willRetry == true)
        #expect(try posts(server).count == 3)
        let second = try deliverer(t).run()
        #expect(second.delivered.count == 3)
        #expect(second.delivered.allSatisfy { $0.contains("found on the platform") })
        #expect(try posts(server).count == 3)
        #expect(delivery(t, "d-1", .blog)?.state == .delivered)
    }

    @Test func aTimeoutAfterStoringIsSettledTheSameWay() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.facebook], "Book sale this weekend.")
        try server.control("slow", ["path": "/1000/feed", "seconds": 3, "after": true])
        #expect(try deliverer(t, timeout: 1).run().failed.count == 1)
        Thread.sleep(forTimeInterval: 2.5)
        #expect(try deliverer(t).run().delivered.count == 1)
        #expect(try posts(server).count == 1)
    }

    @Test func aRateLimitWaitsForRetryAfterAndARejectionWaitsForAPerson() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.blog], "Author talk on Thursday.")
        try server.control("fault", ["path": "/wp/v2/posts", "status": 429, "headers": ["Retry-After": "120"]])
        _ = try deliverer(t).run()
        let limited = try #require(delivery(t, "d-1", .blog))
        #expect(limited.state == .failed && limited.willRetry == true)
        #expect(limited.nextTry == Fixture.now.addingTimeInterval(120))
        // Not before its time.
        #expect(try deliverer(t).run().waiting.count == 1)
        #expect(try posts(server).isEmpty)

        try server.control("fault", ["path": "/1000/feed", "status": 400])
        try publish(t, "d-2", [.facebook], "Too long, as the platform says.")
        _ = try deliverer(t).run()
        let rejected = try #require(delivery(t, "d-2", .facebook))
        #expect(rejected.state == .failed && rejected.willRetry == false)
        // Comms retries it, and it goes.
        #expect((try? t.store.apply(Request(.retryDelivery(draft: "d-2", channel: .facebook), by: "priya"), at: Fixture.now).get()) != nil)
        #expect(try deliverer(t).run().delivered.count == 1)
    }

    @Test func aRevokedTokenKeepsThePostWaitingAndSaysWhy() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.bluesky, .facebook], "Closed on Friday for training.")
        try server.control("expire")
        _ = try deliverer(t).run()
        for channel in [Channel.bluesky, .facebook] {
            let d = try #require(delivery(t, "d-1", channel))
            #expect(d.state == .failed && d.willRetry == true)
            #expect(d.reason?.contains("login refused") == true)
        }
        #expect(try posts(server).isEmpty)
    }

    @Test func aReplyGoesUnderTheCommentItAnswers() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        var comment = Fixture.item("i-1")
        comment.channel = .bluesky
        comment.platformID = "at://did:plc:reader1/app.bsky.feed.post/c1"
        try publish(t, "d-1", [.bluesky], "We open at noon on Sundays.", replyTo: comment)
        #expect(try deliverer(t).run().delivered.count == 1)
        let record = try #require(try posts(server).first?["record"] as? [String: Any])
        let reply = try #require(record["reply"] as? [String: [String: String]])
        #expect(reply["parent"]?["uri"] == "at://did:plc:reader1/app.bsky.feed.post/c1")
        #expect(reply["root"]?["uri"] == "at://did:plc:library/app.bsky.feed.post/own1")
    }

    @Test func aWithdrawnPostIsNeverSent() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.facebook], "Changed our minds.")
        #expect((try? t.store.apply(Request(.withdrawDelivery(draft: "d-1", channel: .facebook), by: "aisha"), at: Fixture.now).get()) == nil)
        #expect((try? t.store.apply(Request(.withdrawDelivery(draft: "d-1", channel: .facebook), by: "priya"), at: Fixture.now).get()) != nil)
        _ = try deliverer(t).run()
        #expect(try posts(server).isEmpty)
        #expect(delivery(t, "d-1", .facebook)?.state == .withdrawn)
    }
}

extension DeliveryTests {
    @Test func repliesOnFacebookAndWordPressGoUnderTheirComments() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        var onFacebook = Fixture.item("i-1")
        onFacebook.channel = .facebook
        onFacebook.platformID = "1000_7_12"
        var onBlog = Fixture.item("i-2")
        onBlog.channel = .blog
        onBlog.platformID = "5"
        try publish(t, "d-1", [.facebook], "Thanks, the printers are fixed.", replyTo: onFacebook)
        try publish(t, "d-2", [.blog], "Glad you enjoyed it!", replyTo: onBlog)
        #expect(try deliverer(t).run().delivered.count == 2)
        let sent = try posts(server)
        #expect(sent.first { $0["platform"] as? String == "facebook" }?["parent"] as? String == "1000_7_12")
        #expect(sent.first { $0["platform"] as? String == "wordpress" }?["parent"] as? String == "5")
        #expect(delivery(t, "d-2", .blog)?.url == "https://blog.example/post-7/#comment-101")
    }

    func imagePost(_ t: TestStore, channels: [Channel]) throws {
        // A tiny PNG beside the store, named relative to it.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        try png.write(to: t.root.appendingPathComponent("room.png"))
        _ = try t.store.apply(Request(.createDraft(id: "d-1", channels: channels, text: "Our new reading room.", inReplyTo: nil), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.attach(draft: "d-1", images: [PostImage(source: "room.png", altText: "A bright room with armchairs")]), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.submit(draft: "d-1"), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
    }

    @Test func imagesGoToBlueskyAsBlobsWithAltTextAndWaitWhereTheyCannotBeUploaded() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try imagePost(t, channels: [.bluesky, .facebook])
        let report = try deliverer(t).run()
        #expect(report.delivered.count == 1)
        #expect(report.waiting.first?.contains("does not upload images to Facebook yet") == true)
        let record = try #require(try posts(server).first?["record"] as? [String: Any])
        let embed = try #require(record["embed"] as? [String: Any])
        #expect(embed["$type"] as? String == "app.bsky.embed.images")
        let image = try #require((embed["images"] as? [[String: Any]])?.first)
        #expect(image["alt"] as? String == "A bright room with armchairs")
        #expect((image["image"] as? [String: Any])?["mimeType"] as? String == "image/png")
        #expect(try posts(server).count == 1)
    }
}

extension DeliveryTests {
    @Test func theTextArrivesExactlyAsApprovedWhateverItsCharacters() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        let text = "Crafts & tea + cake = 100% fun #weekend?\nSecond line: “quotes”, émoji 🎨 and a / slash"
        try publish(t, "d-1", [.bluesky, .facebook, .blog], text)
        #expect(try deliverer(t).run().delivered.count == 3)
        let sent = try posts(server)
        #expect(sent.count == 3)
        #expect(sent.allSatisfy { $0["text"] as? String == text })
    }
}

extension DeliveryTests {
    @Test func commsDeleteADeliveredPostFromBlueskyAndFacebookAndItIsRecorded() throws {
        let server = try LocalServer("outlets.py")
        let t = try TestStore()
        defer { t.remove() }
        try accounts(t, server)
        try publish(t, "d-1", [.bluesky, .facebook, .blog], "Wrong date, sorry.")
        #expect(try deliverer(t).run().delivered.count == 3)
        #expect(t.store.workspace.drafts["d-1"] != nil)
        for channel in [Channel.bluesky, .facebook] {
            #expect((try? t.store.apply(Request(.requestRemoval(draft: "d-1", channel: channel), by: "aisha"), at: Fixture.now).get()) == nil)
            #expect((try? t.store.apply(Request(.requestRemoval(draft: "d-1", channel: channel), by: "priya"), at: Fixture.now).get()) != nil)
        }
        #expect((try? t.store.apply(Request(.requestRemoval(draft: "d-1", channel: .blog), by: "priya"), at: Fixture.now).get()) == nil)
        let report = try deliverer(t).run()
        #expect(report.delivered.count == 2)
        let gone = try posts(server).filter { $0["deleted"] as? Bool == true }.compactMap { $0["platform"] as? String }
        #expect(Set(gone) == ["bluesky", "facebook"])
        #expect(delivery(t, "d-1", .bluesky)?.state == .removed)
        #expect(delivery(t, "d-1", .blog)?.state == .delivered)
        // Nothing is sent again, and a second run deletes nothing more.
        #expect(try deliverer(t).run().delivered.isEmpty)
        #expect(try posts(server).count == 3)
    }
}
