import EarshotCore
import EarshotStore
import Foundation

/// A small, fixed world for tests: a fixed clock, known people, known items.
public enum Fixture {
    /// Friday 27 November 2026, 15:30 UTC.
    public static let now = Date(timeIntervalSince1970: 1_795_793_400)

    public static func minutes(_ m: Double) -> TimeInterval { m * 60 }
    public static func hours(_ h: Double) -> TimeInterval { h * 3600 }
    public static func days(_ d: Double) -> TimeInterval { d * 86_400 }

    public static let staff: [StaffMember] = [
        StaffMember(login: "aisha", name: "Aisha Rahman", role: .staff, branch: "central"),
        StaffMember(login: "ben", name: "Ben Okafor", role: .staff, branch: "northgate"),
        StaffMember(login: "priya", name: "Priya Nair", role: .comms),
        StaffMember(login: "morgan", name: "Morgan Ellis", role: .comms),
        StaffMember(login: "elena", name: "Elena Kowalski", role: .admin),
    ]

    public static func config(demo: Bool = false) -> StoreConfig {
        StoreConfig(
            organisation: "Test Libraries",
            branches: [Branch(id: "central", name: "Central Library"), Branch(id: "northgate", name: "Northgate Library")],
            channels: Channel.allCases.map { ChannelAccount(channel: $0, account: "@testlibs") },
            timeZone: "Europe/London",
            demo: demo ? DemoSettings(clockAnchor: now, defaultLogin: "aisha") : nil)
    }

    public static func item(
        _ id: String, channel: Channel = .facebook, text: String = "When do you open on Sunday?",
        author: String = "Jo Bloggs", ago: TimeInterval = hours(2), status: ItemStatus = .new,
        branch: String? = "central", inReplyTo: String? = nil, fromLibrary: Bool = false
    ) -> InboxItem {
        InboxItem(
            id: id, channel: channel, platformID: "p-\(id)",
            author: Author(handle: "@" + author.lowercased().replacingOccurrences(of: " ", with: ""), displayName: author),
            text: text, receivedAt: now.addingTimeInterval(-ago), inReplyTo: inReplyTo, branch: branch,
            status: status, fromLibrary: fromLibrary)
    }

    public static func draft(
        _ id: String, author: String = "aisha", state: DraftState = .submitted,
        text: String = "Story time is back at Central on Saturday at 10:30!",
        channels: [Channel] = [.x, .facebook], waited: TimeInterval = hours(3)
    ) -> Draft {
        Draft(
            id: id, author: author, branch: "central", channels: channels,
            revisions: [Revision(number: 1, text: text, author: author, at: now.addingTimeInterval(-waited - 60))],
            state: state, createdAt: now.addingTimeInterval(-waited - 60),
            submittedAt: state == .submitted ? now.addingTimeInterval(-waited) : nil)
    }

    /// Four items and three drafts, enough for every rule and every pane.
    public static func workspace(demo: Bool = false) -> Workspace {
        let items = [
            item("i-1", channel: .x, text: "Is the Central library open late on Thursday?", author: "Sam Lee", ago: hours(1)),
            item("i-2", channel: .facebook, text: "The printers on floor 2 are broken again.", author: "Ruth Adeyemi", ago: hours(5), status: .needsReply),
            item("i-3", channel: .mastodon, text: "Loved the author talk last night, thank you!", author: "Élodie Martin", ago: days(1), status: .handled),
            item("i-4", channel: .bluesky, text: "Win free crypto now!!!", author: "Promo Bot", ago: days(2), status: .escalated),
        ]
        let drafts = [
            draft("d-1", author: "aisha", state: .submitted, waited: hours(3)),
            draft("d-2", author: "ben", state: .draft, text: "Northgate is closed on Monday for staff training."),
            draft("d-3", author: "priya", state: .submitted, text: "Library cards now work at every branch.", waited: hours(1)),
        ]
        var ws = Workspace(
            config: config(demo: demo), staff: staff, seq: 10,
            items: ItemTable(uniqueKeysWithValues: items.map { ($0.id, $0) }),
            drafts: Dictionary(uniqueKeysWithValues: drafts.map { ($0.id, $0) }))
        for id in ws.items.keys { ws.items[id]?.version = 1 }
        for id in ws.drafts.keys { ws.drafts[id]?.version = 1 }
        return ws
    }
}

/// A store in a fresh temporary directory, removed when the test is done with it.
public final class TemporaryStore {
    public let root: URL

    public init(_ workspace: Workspace = Fixture.workspace()) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-test-\(UUID().uuidString)")
        try StoreSetup.create(at: root, from: workspace)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public func open() throws -> Store { try Store(at: root) }

    public var journal: URL { root.appendingPathComponent("journal.jsonl") }

    public func journalLines() throws -> [String] {
        let text = (try? String(contentsOf: journal, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
