import EarshotCore
import Foundation

/// Makes a believable store of any size, the same every time (a fixed seed).
enum Generator {
    static let now = Date(timeIntervalSince1970: 1_795_793_400)

    static func workspace(items count: Int) -> Workspace {
        var rng = SplitMix(seed: 42)
        let staff = [
            StaffMember(login: "aisha", name: "Aisha Rahman", role: .staff, branch: "central"),
            StaffMember(login: "priya", name: "Priya Nair", role: .comms),
        ]
        let config = StoreConfig(
            organisation: "Bench Libraries",
            branches: ["central", "north", "south", "east"].map { Branch(id: $0, name: $0.capitalized) },
            channels: Channel.allCases.map { ChannelAccount(channel: $0, account: "@bench") },
            timeZone: "Europe/London")
        let words = ["library", "open", "Saturday", "printer", "book", "thanks", "event", "story", "time",
                     "closed", "wifi", "renew", "café", "日本語", "great", "when", "help", "card"]
        var items: [String: InboxItem] = [:]
        items.reserveCapacity(count)
        let statuses: [ItemStatus] = [.new, .needsReply, .handled, .handled, .replied, .escalated, .hidden]
        for i in 0..<count {
            let id = String(format: "i-%07d", i)
            let text = (0..<(8 + Int(rng.next() % 30))).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            let item = InboxItem(
                id: id, channel: Channel.allCases[Int(rng.next() % 6)], platformID: "p\(i)",
                author: Author(handle: "@user\(rng.next() % 5000)", displayName: "User \(rng.next() % 5000)"),
                text: text, receivedAt: now.addingTimeInterval(-Double(rng.next() % (86_400 * 60))),
                branch: config.branches[Int(rng.next() % 4)].id,
                status: statuses[Int(rng.next() % UInt64(statuses.count))], version: 1)
            items[id] = item
        }
        var drafts: [String: Draft] = [:]
        for i in 0..<max(10, count / 100) {
            let id = String(format: "d-%06d", i)
            drafts[id] = Draft(
                id: id, author: "aisha", branch: "central", channels: [.x, .facebook],
                revisions: [Revision(number: 1, text: "Post number \(i) about our events", author: "aisha", at: now)],
                state: i % 3 == 0 ? .submitted : .draft, createdAt: now, submittedAt: now, version: 1)
        }
        return Workspace(config: config, staff: staff, seq: 1, items: items, drafts: drafts)
    }
}

/// A tiny deterministic random number generator.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
