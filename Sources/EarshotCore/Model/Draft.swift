import Foundation

/// Where a draft stands on its way to the public.
public enum DraftState: String, Codable, CaseIterable, Sendable {
    case draft
    case submitted
    case changesRequested = "changes-requested"
    case approved
    case rejected
    case scheduled
    case published
    /// Its scheduled time passed before it was approved: back with its author for a new time.
    case expired

    /// Waiting for a comms officer.
    public var awaitsReview: Bool { self == .submitted }
    /// Its text may still change.
    public var isEditable: Bool { self == .draft || self == .changesRequested || self == .submitted || self == .expired }
}

/// One numbered version of a draft's text.
public struct Revision: Codable, Hashable, Sendable {
    public var number: Int
    public var text: String
    public var author: String
    public var at: Date

    public init(number: Int, text: String, author: String, at: Date) {
        self.number = number
        self.text = text
        self.author = author
        self.at = at
    }
}

/// What a reviewer said about a revision.
public struct ReviewNote: Codable, Hashable, Sendable {
    public enum Verdict: String, Codable, Sendable {
        case approved
        case changesRequested = "changes-requested"
        case rejected
        /// Its scheduled time passed before it was approved.
        case expired
        /// Approved, but a rule stopped it when it was due to go out.
        case blocked
        /// A comms officer held it back from going out.
        case held
    }

    public var by: String
    public var at: Date
    public var revision: Int
    public var verdict: Verdict
    public var text: String

    public init(by: String, at: Date, revision: Int, verdict: Verdict, text: String) {
        self.by = by
        self.at = at
        self.revision = revision
        self.verdict = verdict
        self.text = text
    }
}

/// A post the library wants to publish, or a reply to an inbox item.
public struct Draft: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var author: String
    public var branch: String?
    public var channels: [Channel]
    public var revisions: [Revision]
    public var state: DraftState
    public var notes: [ReviewNote]
    public var createdAt: Date
    /// When it last entered `submitted`; the start of its wait for review.
    public var submittedAt: Date?
    public var scheduledFor: Date?
    public var publishedAt: Date?
    /// The inbox item this draft answers, if it is a reply.
    public var inReplyTo: String?
    /// Comms officers who approved the current revision; a channel may need more than one.
    public var approvals: [String]
    /// Outbox files written when it was published.
    public var outbox: [String]
    /// Images the post refers to, each with alt text.
    public var images: [PostImage]
    /// A reply that went out without review, as its channel's route allowed.
    public var direct: Bool?
    /// The rejected draft this one was copied from.
    public var copiedFrom: String?
    /// Per channel, once published: sending, delivered (with the link), failed, withdrawn.
    public var deliveries: [Delivery] = []
    /// Journal sequence of the last event that changed this draft; the basis for stale checks.
    public var version: Int
    public var changedBy: String?
    public var changedAt: Date?

    public init(
        id: String, author: String, branch: String?, channels: [Channel], revisions: [Revision],
        state: DraftState = .draft, notes: [ReviewNote] = [], createdAt: Date,
        submittedAt: Date? = nil, scheduledFor: Date? = nil, publishedAt: Date? = nil,
        inReplyTo: String? = nil, approvals: [String] = [], outbox: [String] = [], images: [PostImage] = [],
        version: Int = 0, changedBy: String? = nil, changedAt: Date? = nil
    ) {
        self.images = images
        self.approvals = approvals
        self.outbox = outbox
        self.id = id
        self.author = author
        self.branch = branch
        self.channels = channels
        self.revisions = revisions
        self.state = state
        self.notes = notes
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.scheduledFor = scheduledFor
        self.publishedAt = publishedAt
        self.inReplyTo = inReplyTo
        self.version = version
        self.changedBy = changedBy
        self.changedAt = changedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, author, branch, channels, revisions, state, notes, createdAt, submittedAt
        case scheduledFor, publishedAt, inReplyTo, approvals, outbox, images, direct, version, changedBy, changedAt, copiedFrom, deliveries
    }

    // Fields added later are optional in files written before them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        author = try c.decode(String.self, forKey: .author)
        branch = try c.decodeIfPresent(String.self, forKey: .branch)
        channels = try c.decode([Channel].self, forKey: .channels)
        revisions = try c.decode([Revision].self, forKey: .revisions)
        guard !revisions.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .revisions, in: c, debugDescription: "a draft needs at least one revision")
        }
        state = try c.decode(DraftState.self, forKey: .state)
        notes = try c.decodeIfPresent([ReviewNote].self, forKey: .notes) ?? []
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        submittedAt = try c.decodeIfPresent(Date.self, forKey: .submittedAt)
        scheduledFor = try c.decodeIfPresent(Date.self, forKey: .scheduledFor)
        publishedAt = try c.decodeIfPresent(Date.self, forKey: .publishedAt)
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo)
        approvals = try c.decodeIfPresent([String].self, forKey: .approvals) ?? []
        outbox = try c.decodeIfPresent([String].self, forKey: .outbox) ?? []
        images = try c.decodeIfPresent([PostImage].self, forKey: .images) ?? []
        direct = try c.decodeIfPresent(Bool.self, forKey: .direct)
        copiedFrom = try c.decodeIfPresent(String.self, forKey: .copiedFrom)
        deliveries = try c.decodeIfPresent([Delivery].self, forKey: .deliveries) ?? []
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 0
        changedBy = try c.decodeIfPresent(String.self, forKey: .changedBy)
        changedAt = try c.decodeIfPresent(Date.self, forKey: .changedAt)
    }

    /// The newest revision; a draft always has at least one.
    public var current: Revision { revisions[revisions.count - 1] }
    public var text: String { current.text }
    public var isReply: Bool { inReplyTo != nil }
}
