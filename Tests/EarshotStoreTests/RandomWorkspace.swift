import EarshotCore
import Foundation
import TestSupport

/// Workspaces with every optional field both nil and set, every enum case, unicode,
/// control characters, empty and huge texts, and a ledger folded from real events:
/// the awkward cases a binary codec gets wrong. The same seed gives the same store.
enum RandomWorkspace {
    /// A class, so that `rng.maybe(rng.pick(…))` is not two overlapping mutations.
    final class RNG {
        var state: UInt64
        init(state: UInt64) { self.state = state }
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        func coin() -> Bool { next() & 1 == 0 }
        func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { coin() ? value() : nil }
    }

    static let texts = [
        "", "plain", "café crème", "日本語のテキスト", "emoji 👩‍👩‍👧‍👦 and a flag 🇬🇧", "nul \u{0} inside",
        "line\nbreak\ttab \"quoted\" back\\slash", "\u{202E}right-to-left override", "combining e\u{301} and \u{1F3FD}",
        "\u{1B}[31mterminal escape\u{1B}[0m", String(repeating: "x", count: 300),
    ]

    static func make(seed: UInt64, items count: Int, wholeSeconds: Bool, hugeTexts: Bool = true) -> Workspace {
        let rng = RNG(state: seed)
        func time() -> Date {
            let t = Fixture.now.timeIntervalSinceReferenceDate - Double(rng.below(86_400 * 90))
            return Date(timeIntervalSinceReferenceDate: wholeSeconds ? t : t + Double(rng.below(1000)) / 1024)
        }
        func text() -> String { rng.pick(texts) + (rng.coin() ? "" : " \(rng.next())") }
        let huge = String(repeating: "长文本 long text ", count: 40_000)

        var items: [String: InboxItem] = [:]
        for i in 0..<count {
            let id = "i-\(i)"
            var item = InboxItem(
                id: id, channel: rng.pick(Channel.allCases), platformID: rng.coin() ? "" : "p-\(i)",
                author: Author(handle: "@" + text(), displayName: text()),
                text: hugeTexts && i == 1 ? huge : (i == 2 ? "" : text()),
                receivedAt: time(), inReplyTo: rng.maybe("i-\(rng.below(max(1, i)))"), branch: rng.maybe(rng.pick(["central", "northgate", ""])),
                status: rng.pick(ItemStatus.allCases), tags: (0..<rng.below(3)).map { _ in text() }, assignee: rng.maybe(text()),
                notes: (0..<rng.below(3)).map { _ in InternalNote(by: text(), at: time(), text: text()) },
                fromLibrary: rng.below(5) == 0, version: rng.below(100_000) - 3,
                changedBy: i == 0 ? nil : rng.maybe(text()), changedAt: i == 0 ? time() : rng.maybe(time()))
            item.truncated = rng.pick([nil, true, false])
            item.url = rng.maybe("https://example.org/" + text())
            items[id] = item
        }
        var drafts: [String: Draft] = [:]
        var events: [Event] = []
        for i in 0..<max(4, count / 10) {
            let id = "d-\(i)"
            let revisions = (1...(1 + rng.below(3))).map { Revision(number: $0, text: text(), author: text(), at: time()) }
            var d = Draft(
                id: id, author: text(), branch: rng.maybe("central"), channels: (0..<rng.below(4)).map { _ in rng.pick(Channel.allCases) },
                revisions: revisions, state: rng.pick(DraftState.allCases),
                notes: (0..<rng.below(3)).map { _ in
                    ReviewNote(by: text(), at: time(), revision: rng.below(4),
                               verdict: rng.pick([.approved, .changesRequested, .rejected, .expired, .blocked, .held]), text: text())
                },
                createdAt: time(), submittedAt: rng.maybe(time()), scheduledFor: rng.maybe(time()), publishedAt: rng.maybe(time()),
                inReplyTo: rng.maybe("i-\(rng.below(max(1, count)))"), approvals: (0..<rng.below(3)).map { _ in text() },
                outbox: (0..<rng.below(2)).map { _ in "outbox/\(text())" },
                images: (0..<rng.below(3)).map { _ in PostImage(source: text(), altText: rng.maybe(text())) },
                version: rng.below(1000), changedBy: rng.maybe(text()), changedAt: rng.maybe(time()))
            d.direct = rng.pick([nil, true, false])
            d.copiedFrom = rng.maybe("d-\(rng.below(10))")
            d.deliveries = (0..<(i == 0 ? 2 : rng.below(3))).map { _ in
                var x = Delivery(channel: rng.pick(Channel.allCases),
                                 state: rng.pick([.sending, .delivered, .failed, .withdrawn, .removing, .removed]),
                                 key: text(), attempts: rng.below(5), at: time())
                x.firstTry = rng.maybe(time())
                x.platformID = rng.maybe(text())
                x.url = rng.maybe(text())
                x.reason = rng.maybe(text())
                x.willRetry = rng.pick([nil, true, false])
                x.nextTry = rng.maybe(time())
                x.retriedBy = rng.maybe(text())
                return x
            }
            drafts[id] = d
            // Events the ledger folds: facts for drafts, marks for decisions.
            let at = time()
            var created = d
            created.state = .draft
            events.append(Event(seq: events.count + 1, at: at, actor: text(), change: .draftCreated(draft: created)))
            events.append(Event(seq: events.count + 1, at: at, actor: "priya", change: .submitted(draft: id, revision: 1)))
            if rng.coin() { events.append(Event(seq: events.count + 1, at: at, actor: "priya", change: .approved(draft: id, revision: 1))) }
        }
        for (n, id) in items.keys.sorted().prefix(20).enumerated() {
            events.append(Event(seq: events.count + 1, at: time(), actor: "aisha",
                                change: .triaged(item: id, from: .new, to: n % 2 == 0 ? .escalated : .handled)))
        }
        var ws = Workspace(config: Fixture.config(), staff: Fixture.staff, seq: events.count + 7, items: ItemTable(items), drafts: drafts,
                           ledger: Ledger.build(events: events, items: items.values, drafts: drafts.values))
        ws.rollups.count(.posts, at: time(), calendar: ws.config.calendar, by: 3)
        return ws
    }
}
