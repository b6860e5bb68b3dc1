import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Keys come from the outbox entry alone, so every retry (in any process) uses the same one.
struct DeliveryKeyTests {
    func post(_ draft: String = "d-7", revision: Int = 2, channel: Channel = .bluesky, at seconds: TimeInterval = 1_795_000_000) -> OutboxPost {
        let at = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
        let json = #"{"version":1,"draft":"\#(draft)","revision":\#(revision),"channel":"\#(channel.rawValue)","text":"t","images":[],"author":"aisha","approvedBy":["priya"],"publishedAt":"\#(at)"}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try! decoder.decode(OutboxPost.self, from: Data(json.utf8))
    }

    @Test func theIdempotencyKeyNamesDraftRevisionAndChannel() {
        #expect(DeliveryKey.key(post(channel: .mastodon)) == "earshot-d-7-r2-mastodon")
        #expect(DeliveryKey.key(post(revision: 3)) != DeliveryKey.key(post()))
    }

    @Test func theRecordKeyIsAThirteenCharacterTIDStableAndOrderedByTime() {
        let tid = DeliveryKey.tid(post())
        #expect(tid.count == 13)
        #expect(tid.allSatisfy { "234567abcdefghijklmnopqrstuvwxyz".contains($0) })
        // The first character carries the top bits, which are zero: 2 to j only.
        #expect("234567abcdefghij".contains(tid.first!))
        #expect(DeliveryKey.tid(post()) == tid)
        #expect(DeliveryKey.tid(post("d-8")) != tid)
        #expect(DeliveryKey.tid(post(at: 1_795_000_001)) > tid)
    }

    @Test func facetsCountUTF8BytesAndLeaveTrailingPunctuationOut() {
        let text = "Café 🎉 see https://ex.org/a. Thanks @reader.bsky.social! mail a@b.com"
        let spans = BlueskyFacets.spans(in: text)
        #expect(spans.count == 2)
        let link = spans[0]
        #expect(link.kind == .link("https://ex.org/a"))
        #expect(link.start == "Café 🎉 see ".utf8.count)
        #expect(link.end == link.start + "https://ex.org/a".utf8.count)
        #expect(spans[1].kind == .mention("reader.bsky.social"))
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[spans[1].start..<spans[1].end], as: UTF8.self) == "@reader.bsky.social")
    }
}
