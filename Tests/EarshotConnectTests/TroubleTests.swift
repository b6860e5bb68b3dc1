import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation
import Terminal
import Testing

/// Rate limits, expired tokens, crashes, archives and hostile text.
@Suite(.serialized) struct TroubleTests {
    @Test func a429WithRetryAfterIsWaitedOutAndRetried() throws {
        let server = try LocalServer("platforms.py", ["--items", "5"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        try server.control("fault", ["path": "/mentions", "status": 429, "headers": ["Retry-After": "3"], "count": 1])
        let waits = WaitLog()
        let outcome = t.runner(waits: waits).run(try t.book.account("x"))
        #expect(outcome.error == nil)
        #expect(waits.waits == [3])
        #expect(try server.log().count == 2)
        #expect(t.items.count == 5)
    }

    @Test func aRetryAfterLongerThanWeWaitEndsTheRunWithARecordedError() throws {
        let server = try LocalServer("platforms.py", ["--items", "5"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        try server.control("fault", ["path": "/mentions", "status": 429, "headers": ["Retry-After": "900"], "count": 1])
        let outcome = t.runner().run(try t.book.account("x"))
        #expect(outcome.error as? FetchError != nil)
        #expect(try FetchState.load(t.store.files, account: "x").lastError?.hasPrefix("rate limited") == true)
    }

    @Test func anExpiredTokenIsAClearRecordedErrorForEveryPlatform() throws {
        let server = try LocalServer("platforms.py", ["--items", "3"])
        let t = try TestStore()
        defer { t.remove() }
        let token = Data("test-token-0123456789abcdef".utf8)
        try t.book.add(Account(name: "bsky", platform: .bluesky, instance: server.base, login: "library.bsky.social"), secret: Data("abcd-efgh-ijkl-mnop".utf8))
        try t.book.add(Account(name: "fb", platform: .facebook, instance: server.base + "/v21.0", login: "1000"), secret: token)
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"), secret: token)
        try t.book.add(Account(name: "blog", platform: .wordpress, instance: server.base, login: "editor"), secret: Data("wp-app-pass".utf8))
        #expect(t.runner().run(try t.book.account("bsky")).error == nil)
        try server.control("expire")
        for name in ["bsky", "fb", "x", "blog"] {
            let outcome = t.runner().run(try t.book.account(name))
            guard case .loginRefused = outcome.error as? FetchError else {
                Issue.record("\(name): \(String(describing: outcome.error))")
                continue
            }
            let state = try FetchState.load(t.store.files, account: name)
            #expect(state.lastError?.hasPrefix("login refused") == true)
            #expect(state.errorAt != nil)
        }
        #expect(FetchState.summary(t.store.files, now: Date()).contains { $0.hasPrefix("bsky: login refused: Bluesky refused the app password") })
    }

    @Test func aCrashAfterTheAppendBeforeTheCursorReFetchesAndDedupes() throws {
        let server = try LocalServer("platforms.py", ["--items", "30"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        #expect(t.runner().run(try t.book.account("x")).error == nil)
        // As if killed between the durable append and the cursor write.
        var state = try FetchState.load(t.store.files, account: "x")
        state.cursor = nil
        try state.save(t.store.files, account: "x")
        try server.control("add", ["count": 4])
        let again = t.runner().run(try t.book.account("x"))
        #expect(again.report.received == 4)
        #expect(again.report.known == 30)
        #expect(t.items.count == 34)
    }

    @Test func archivedItemsAreNeverFetchedAgain() throws {
        let server = try LocalServer("platforms.py", ["--items", "20"])
        let t = try TestStore()
        defer { t.remove() }
        try t.book.add(Account(name: "fb", platform: .facebook, instance: server.base + "/v21.0", login: "1000"),
                       secret: Data("test-token-0123456789abcdef".utf8))
        #expect(t.runner().run(try t.book.account("fb")).error == nil)
        let ids = t.items.map(\.id)
        _ = try t.store.applyBatch(ids.map { Request(.triage(item: $0, to: .handled), by: "elena") }, at: Date(), mode: .each)
        try t.store.compact(now: Date().addingTimeInterval(86_400 * 40))
        #expect(t.store.workspace.items.isEmpty)
        let again = t.runner().run(try t.book.account("fb"))
        #expect(again.report.received == 0)
        #expect(again.report.known == 20)
        #expect(t.store.workspace.items.isEmpty)
        #expect(FileManager.default.fileExists(atPath: t.root.appendingPathComponent("archive/platform-ids.json").path))
    }

    @Test func hostileTextInEveryFieldArrivesWholeAndIsNeutralisedForTheScreen() throws {
        let server = try LocalServer("platforms.py", ["--items", "6", "--hostile"])
        let t = try TestStore()
        defer { t.remove() }
        let token = Data("test-token-0123456789abcdef".utf8)
        try t.book.add(Account(name: "bsky", platform: .bluesky, instance: server.base, login: "library.bsky.social"), secret: Data("abcd-efgh-ijkl-mnop".utf8))
        try t.book.add(Account(name: "fb", platform: .facebook, instance: server.base + "/v21.0", login: "1000"), secret: token)
        try t.book.add(Account(name: "x", platform: .x, instance: server.base, login: "2000"), secret: token)
        try t.book.add(Account(name: "blog", platform: .wordpress, instance: server.base), secret: nil)
        try t.book.add(Account(name: "atom", platform: .feed, instance: server.base + "/atom.xml", channel: .flickr), secret: nil)
        for name in ["bsky", "fb", "x", "blog", "atom"] {
            let outcome = t.runner().run(try t.book.account(name))
            #expect(outcome.error == nil, "\(name): \(String(describing: outcome.error))")
        }
        let hostile = t.items.filter { !$0.fromLibrary }
        #expect(hostile.count >= 5 * 5)
        for item in hostile {
            #expect(item.text.contains("\u{202E}") && item.author.displayName.contains("\u{202E}"))
            #expect(item.text.contains("<script>"))
            for field in [item.text, item.author.displayName, item.author.handle] {
                let shown = Sanitizer.clean(field)
                #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 || $0.value == 0x202E })
            }
        }
    }
}
