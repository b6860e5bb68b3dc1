import EarshotCore
import EarshotStore
import Foundation

/// Makes a believable store of any size, the same every time (a fixed seed). Its
/// settings are the demo's own store.json (branches with opening hours, response
/// targets, reply routes, saved views), so start-up does the work a real store costs;
/// its snapshot carries rollups, as every compacted store's does.
enum Generator {
    static let now = Date(timeIntervalSince1970: 1_795_793_400)

    /// The demo's settings without its demo block; the bench's own two staff, plus
    /// whoever runs it (the console opens as the Unix login).
    static func demoConfig(seed: URL) throws -> StoreConfig {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var config = try decoder.decode(StoreConfig.self, from: Data(contentsOf: seed.appendingPathComponent("store.json")))
        config.demo = nil
        return config
    }

    /// A fresh generated store of `count` items in a temporary directory, with the
    /// demo's settings when run from the checkout; removed when `body` returns.
    static func withStore<T>(_ count: Int, name: String, _ body: (URL) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-\(name)-\(count)-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try? demoConfig(seed: URL(fileURLWithPath: "seeds/demo"))
        try StoreSetup.create(at: root, from: workspace(items: count, config: config))
        return try body(root)
    }

    static func workspace(items count: Int, config: StoreConfig? = nil, login: String = "aisha") -> Workspace {
        var rng = SplitMix(seed: 42)
        let config = config ?? StoreConfig(
            organisation: "Bench Libraries",
            branches: ["central", "north", "south", "east"].map { Branch(id: $0, name: $0.capitalized) },
            channels: Channel.allCases.map { ChannelAccount(channel: $0, account: "@bench") },
            timeZone: "Europe/London")
        let home = config.branches.first?.id ?? "central"
        var staff = [
            StaffMember(login: "aisha", name: "Aisha Rahman", role: .staff, branch: home),
            StaffMember(login: "priya", name: "Priya Nair", role: .comms),
        ]
        if !staff.contains(where: { $0.login == login }) {
            staff.append(StaffMember(login: login, name: "Bench Runner", role: .staff, branch: home))
        }
        let words = ["library", "open", "Saturday", "printer", "book", "thanks", "event", "story", "time",
                     "closed", "wifi", "renew", "café", "日本語", "great", "when", "help", "card"]
        let tags = ["events", "printing", "opening-hours", "children", "complaint"]
        var items: [String: InboxItem] = [:]
        items.reserveCapacity(count)
        let statuses: [ItemStatus] = [.new, .needsReply, .handled, .handled, .replied, .escalated, .hidden]
        for i in 0..<count {
            let id = String(format: "i-%07d", i)
            let text = (0..<(8 + Int(rng.next() % 30))).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            var item = InboxItem(
                id: id, channel: Channel.allCases[Int(rng.next() % 6)], platformID: "p\(i)",
                author: Author(handle: "@user\(rng.next() % 5000)", displayName: "User \(rng.next() % 5000)"),
                text: text, receivedAt: now.addingTimeInterval(-Double(rng.next() % (86_400 * 60))),
                branch: config.branches[Int(rng.next() % UInt64(config.branches.count))].id,
                status: statuses[Int(rng.next() % UInt64(statuses.count))], version: 1)
            if rng.next() % 4 == 0 { item.tags = [tags[Int(rng.next() % UInt64(tags.count))]] }
            if rng.next() % 5 == 0 { item.assignee = "aisha" }
            items[id] = item
        }
        // The newest few hundred are still new, as in a real inbox: the rows the benchmark
        // walks to and triages are then open, never a refusal of an item already handled.
        for item in items.values.sorted(by: { $0.receivedAt > $1.receivedAt }).prefix(300) {
            items[item.id]?.status = .new
        }
        var drafts: [String: Draft] = [:]
        for i in 0..<max(10, count / 100) {
            let id = String(format: "d-%06d", i)
            drafts[id] = Draft(
                id: id, author: "aisha", branch: home, channels: [.x, .facebook],
                revisions: [Revision(number: 1, text: "Post number \(i) about our events", author: "aisha", at: now)],
                state: i % 3 == 0 ? .submitted : .draft, createdAt: now, submittedAt: now, version: 1)
        }
        return Workspace(config: config, staff: staff, seq: 1, items: ItemTable(items), drafts: drafts)
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
