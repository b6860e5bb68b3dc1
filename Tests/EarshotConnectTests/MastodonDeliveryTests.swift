import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Mastodon (mastodon-mock): the Idempotency-Key makes a repeat return the status already made.
@Suite(.serialized) struct MastodonDeliveryTests {
    func call(_ server: LocalServer, _ method: String, _ path: String, key: String? = nil, body: [String: Any]? = nil) throws -> Any {
        var headers = ["Authorization": "Bearer alice_token", "Content-Type": "application/json"]
        if let key { headers["Idempotency-Key"] = key }
        let r = try URLSessionClient().send(HTTPRequest(method, URL(string: server.base + path)!, headers: headers,
                                                        body: body.flatMap { try? JSONSerialization.data(withJSONObject: $0) }))
        return try JSONSerialization.jsonObject(with: r.body)
    }

    func ownStatuses(_ server: LocalServer) throws -> [[String: Any]] {
        let me = try #require(try call(server, "GET", "/api/v1/accounts/verify_credentials") as? [String: Any])
        let id = try #require(me["id"] as? String)
        return try call(server, "GET", "/api/v1/accounts/\(id)/statuses?limit=40") as? [[String: Any]] ?? []
    }

    @Test func aPostWhoseAnswerWasLostIsNotPostedTwice() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "1"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        _ = try t.store.apply(Request(.createDraft(id: "d-1", channels: [.mastodon], text: "Knit and natter, Tuesdays at 2.", inReplyTo: nil), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.submit(draft: "d-1"), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        let before = try ownStatuses(server).count
        // A deliverer recorded its intent, sent, and died before the answer came back.
        let key = "earshot-d-1-r1-mastodon"
        _ = try t.store.apply(Request(.startDelivery(draft: "d-1", channel: .mastodon, key: key), by: Rules.delivererActor), at: Fixture.now)
        let first = try #require(try call(server, "POST", "/api/v1/statuses", key: key, body: ["status": "Knit and natter, Tuesdays at 2."]) as? [String: Any])
        let report = try Deliverer(store: t.store, http: Polite(client: URLSessionClient(timeout: 10)), clock: { Fixture.now }).run()
        #expect(report.delivered.count == 1)
        #expect(try ownStatuses(server).count == before + 1)
        let d = try #require(t.store.workspace.drafts["d-1"]?.delivery(.mastodon))
        #expect(d.state == .delivered)
        #expect(d.platformID == first["id"] as? String)
        #expect(d.attempts == 2)
    }
}

extension MastodonDeliveryTests {
    @Test func aReplyCarriesInReplyToId() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "1"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        let notes = try #require(try call(server, "GET", "/api/v1/notifications") as? [[String: Any]])
        let mention = try #require((notes.first?["status"] as? [String: Any])?["id"] as? String)
        var item = Fixture.item("i-1")
        item.channel = .mastodon
        item.platformID = mention
        _ = try t.store.apply(Request(.receive(item), by: "receive"), at: Fixture.now)
        _ = try t.store.apply(Request(.reply(draft: "d-1", item: "i-1", text: "Yes, until 8pm.", startedAt: Fixture.now), by: "priya"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        #expect(try Deliverer(store: t.store, http: Polite(client: URLSessionClient(timeout: 10)), clock: { Fixture.now }).run().delivered.count == 1)
        let id = try #require(t.store.workspace.drafts["d-1"]?.delivery(.mastodon)?.platformID)
        let status = try #require(try call(server, "GET", "/api/v1/statuses/\(id)") as? [String: Any])
        #expect(status["in_reply_to_id"] as? String == mention)
    }
}

extension MastodonDeliveryTests {
    @Test func pastTheKeysHourAPersonDecidesAndTheirRetrySends() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "0"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        _ = try t.store.apply(Request(.createDraft(id: "d-1", channels: [.mastodon], text: "Quiz night moved to Friday.", inReplyTo: nil), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.submit(draft: "d-1"), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        // An attempt that ended unclearly two hours ago.
        _ = try t.store.apply(Request(.startDelivery(draft: "d-1", channel: .mastodon, key: "earshot-d-1-r1-mastodon"), by: "deliver"), at: Fixture.now)
        _ = try t.store.apply(Request(.markDeliveryFailed(draft: "d-1", channel: .mastodon, reason: "no answer", willRetry: true, nextTry: nil), by: "deliver"), at: Fixture.now)
        let later: @Sendable () -> Date = { Fixture.now.addingTimeInterval(7200) }
        let http = Polite(client: URLSessionClient(timeout: 10))
        let first = try Deliverer(store: t.store, http: http, clock: later).run()
        #expect(first.delivered.isEmpty)
        #expect(first.failed.first?.contains("no longer remembers its key") == true)
        #expect(t.store.workspace.drafts["d-1"]?.delivery(.mastodon)?.willRetry == false)
        // Comms looked at the account, found nothing, and retry: it goes.
        _ = try t.store.apply(Request(.retryDelivery(draft: "d-1", channel: .mastodon), by: "priya"), at: later())
        #expect(try Deliverer(store: t.store, http: http, clock: later).run().delivered.count == 1)
    }
}

extension MastodonDeliveryTests {
    @Test func aDeliveredStatusIsDeletedWhenCommsAsk() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "0"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        _ = try t.store.apply(Request(.createDraft(id: "d-1", channels: [.mastodon], text: "Posted by mistake.", inReplyTo: nil), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.submit(draft: "d-1"), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        let http = Polite(client: URLSessionClient(timeout: 10))
        _ = try Deliverer(store: t.store, http: http, clock: { Fixture.now }).run()
        let before = try ownStatuses(server).count
        _ = try t.store.apply(Request(.requestRemoval(draft: "d-1", channel: .mastodon), by: "priya"), at: Fixture.now)
        _ = try Deliverer(store: t.store, http: http, clock: { Fixture.now }).run()
        #expect(try ownStatuses(server).count == before - 1)
        #expect(t.store.workspace.drafts["d-1"]?.delivery(.mastodon)?.state == .removed)
    }
}

extension MastodonDeliveryTests {
    @Test func imagesAreUploadedFirstWithTheirAltTextAsDescription() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "0"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        try DeliveryTests().imagePost(t, channels: [.mastodon])
        #expect(try Deliverer(store: t.store, http: Polite(client: URLSessionClient(timeout: 10)), clock: { Fixture.now }).run().delivered.count == 1)
        let id = try #require(t.store.workspace.drafts["d-1"]?.delivery(.mastodon)?.platformID)
        let status = try #require(try call(server, "GET", "/api/v1/statuses/\(id)") as? [String: Any])
        let media = try #require((status["media_attachments"] as? [[String: Any]])?.first)
        #expect(media["description"] as? String == "A bright room with armchairs")
    }
}

extension MastodonDeliveryTests {
    @Test func visibilityComesFromTheChannelsSettingInStoreJSON() throws {
        let server = try LocalServer("mastodon.py", ["--mentions", "0"])
        var config = Fixture.config()
        config.channels = config.channels.map { $0.channel == .mastodon ? ChannelAccount(channel: .mastodon, account: "@alice", visibility: "unlisted") : $0 }
        let t = try TestStore(config: config)
        defer { t.remove() }
        try t.book.add(Account(name: "mast", platform: .mastodon, instance: server.base, login: "alice"), secret: Data("alice_token".utf8))
        _ = try t.store.apply(Request(.createDraft(id: "d-1", channels: [.mastodon], text: "For followers mostly.", inReplyTo: nil), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.submit(draft: "d-1"), by: "priya"), at: Fixture.now)
        _ = try t.store.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan"), at: Fixture.now)
        _ = try t.store.publishDue(now: Fixture.now, actor: Rules.publisherActor)
        _ = try Deliverer(store: t.store, http: Polite(client: URLSessionClient(timeout: 10)), clock: { Fixture.now }).run()
        let id = try #require(t.store.workspace.drafts["d-1"]?.delivery(.mastodon)?.platformID)
        let status = try #require(try call(server, "GET", "/api/v1/statuses/\(id)") as? [String: Any])
        #expect(status["visibility"] as? String == "unlisted")
    }
}
