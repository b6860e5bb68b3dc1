import Foundation

/// Where an inbox item stands in triage.
public enum ItemStatus: String, Codable, CaseIterable, Sendable {
    case new
    case needsReply = "needs-reply"
    case replied
    case handled
    case escalated
    case hidden

    /// Still waits for someone at the library to act.
    public var isOpen: Bool {
        switch self {
        case .new, .needsReply, .escalated: true
        case .replied, .handled, .hidden: false
        }
    }

    public var label: String { rawValue }
}

/// A colleague's note on an item. Internal: never published.
public struct InternalNote: Codable, Hashable, Sendable {
    public var by: String
    public var at: Date
    public var text: String

    public init(by: String, at: Date, text: String) {
        self.by = by
        self.at = at
        self.text = text
    }
}

/// Who wrote a comment or mention, as the platform names them.
public struct Author: Codable, Hashable, Sendable {
    public var handle: String
    public var displayName: String

    public init(handle: String, displayName: String) {
        self.handle = handle
        self.displayName = displayName
    }
}

/// One comment, mention or message that reached the library.
public struct InboxItem: Codable, Hashable, Sendable, Identifiable {
    /// Earshot's own id, unique in the store.
    public var id: String
    public var channel: Channel
    /// The platform's own id for the post, for de-duplicating imports.
    public var platformID: String
    public var author: Author
    public var text: String
    public var receivedAt: Date
    /// Earshot id of the item this one answers, if it is part of a thread.
    public var inReplyTo: String?
    /// Branch the item concerns, if known.
    public var branch: String?
    public var status: ItemStatus
    public var tags: [String]
    public var assignee: String?
    public var notes: [InternalNote]
    /// True for the library's own posts and replies, imported for thread context.
    public var fromLibrary: Bool
    /// True when the text was cut at the store's limit; the whole text is in `overflow/`.
    public var truncated: Bool?
    /// Where the post is on its platform, when the source said.
    public var url: String?
    /// Journal sequence of the last event that changed this item; the basis for stale checks.
    public var version: Int
    /// Login of whoever last changed it, and when.
    public var changedBy: String?
    public var changedAt: Date?

    public init(
        id: String, channel: Channel, platformID: String, author: Author, text: String,
        receivedAt: Date, inReplyTo: String? = nil, branch: String? = nil,
        status: ItemStatus = .new, tags: [String] = [], assignee: String? = nil, notes: [InternalNote] = [],
        fromLibrary: Bool = false, version: Int = 0, changedBy: String? = nil, changedAt: Date? = nil
    ) {
        self.id = id
        self.channel = channel
        self.platformID = platformID
        self.author = author
        self.text = text
        self.receivedAt = receivedAt
        self.inReplyTo = inReplyTo
        self.branch = branch
        self.status = status
        self.tags = tags
        self.assignee = assignee
        self.notes = notes
        self.fromLibrary = fromLibrary
        self.version = version
        self.changedBy = changedBy
        self.changedAt = changedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, channel, platformID, author, text, receivedAt, inReplyTo, branch
        case status, tags, assignee, notes, fromLibrary, truncated, url, version, changedBy, changedAt
    }

    // Optional keys may be missing from hand-written or imported files.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        channel = try c.decode(Channel.self, forKey: .channel)
        platformID = try c.decode(String.self, forKey: .platformID)
        author = try c.decode(Author.self, forKey: .author)
        text = try c.decode(String.self, forKey: .text)
        receivedAt = try c.decode(Date.self, forKey: .receivedAt)
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo)
        branch = try c.decodeIfPresent(String.self, forKey: .branch)
        status = try c.decodeIfPresent(ItemStatus.self, forKey: .status) ?? .new
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        assignee = try c.decodeIfPresent(String.self, forKey: .assignee)
        notes = try c.decodeIfPresent([InternalNote].self, forKey: .notes) ?? []
        fromLibrary = try c.decodeIfPresent(Bool.self, forKey: .fromLibrary) ?? false
        truncated = try c.decodeIfPresent(Bool.self, forKey: .truncated)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 0
        changedBy = try c.decodeIfPresent(String.self, forKey: .changedBy)
        changedAt = try c.decodeIfPresent(Date.self, forKey: .changedAt)
    }
}
