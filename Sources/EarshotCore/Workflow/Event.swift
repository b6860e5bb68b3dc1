import Foundation

/// What happened. Events are the only way state changes, so every change is
/// audited, replayable and visible to every session.
public enum Change: Codable, Hashable, Sendable {
    case received(item: InboxItem)
    case triaged(item: String, from: ItemStatus, to: ItemStatus)
    case assigned(item: String, to: String?)
    case tagged(item: String, added: [String], removed: [String])
    case draftCreated(draft: Draft)
    case revised(draft: String, revision: Revision)
    case submitted(draft: String, revision: Int)
    /// `scheduledFor` is the time the officer approved it for (nil: as soon as approved).
    case approved(draft: String, revision: Int, scheduledFor: Date? = nil)
    case changesRequested(draft: String, revision: Int, comment: String)
    case rejected(draft: String, revision: Int, reason: String)
    case noted(item: String, note: InternalNote)
    /// A reply written in Earshot; `direct` replies skip approval and mark the item replied.
    case replyDrafted(draft: Draft, direct: Bool)
    case reverted(item: String, from: ItemStatus, to: ItemStatus, undoing: Int)
    case scheduled(draft: String, at: Date?)
    case expired(draft: String)
    case published(draft: String, files: [String])
    /// At publication a rule stopped an approved post; it went back to its author.
    case sentBack(draft: String, rule: String, reason: String)
    case attached(draft: String, images: [PostImage])
    /// The author took a submitted draft back to edit it.
    case withdrawn(draft: String)
    /// A comms officer pulled an approved or scheduled post back into the queue.
    case held(draft: String)
    case channelsChanged(draft: String, channels: [Channel])
    /// A command the rules refused; recorded so refusals are audited too.
    case refused(command: String, rule: String, reason: String)
    /// A change this Earshot cannot read (a newer Earshot wrote it, or it names a channel
    /// it does not know). Its line stays in the journal byte for byte; nothing folds it.
    case unknown(type: String)
    /// `earshot deliver` is about to send `draft` to `channel`; `key` is chosen now and kept for every retry.
    case deliveryStarted(draft: String, channel: Channel, key: String)
    /// The platform has it: its id and the link to it.
    case delivered(draft: String, channel: Channel, platformID: String, url: String?)
    case deliveryFailed(draft: String, channel: Channel, reason: String, willRetry: Bool, nextTry: Date?)
    /// A comms officer asked for a failed delivery to be tried again, or pulled it back.
    case deliveryRetried(draft: String, channel: Channel)
    case deliveryWithdrawn(draft: String, channel: Channel)
    /// A comms officer asked for a delivered post to be deleted from the platform; `deliver` did it.
    case removalRequested(draft: String, channel: Channel)
    case removed(draft: String, channel: Channel)
    /// `earshot migrate` rewrote the store's files to format `to`; copies of the old files are in `backup`.
    case migrated(from: Int, to: Int, backup: String)
}

/// One line of `journal.jsonl`.
public struct Event: Codable, Hashable, Sendable {
    /// Position in the store's history, from 1, without gaps.
    public var seq: Int
    public var at: Date
    public var actor: String
    /// The target's version the actor acted on, when the command had a target.
    public var basedOn: Int?
    public var change: Change
    /// Lowercase hex SHA-256 of the previous event line's bytes: the journal's hash chain.
    public var prev: String?

    public init(seq: Int, at: Date, actor: String, basedOn: Int? = nil, change: Change, prev: String? = nil) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.basedOn = basedOn
        self.change = change
        self.prev = prev
    }

    enum CodingKeys: String, CodingKey { case seq, at, actor, basedOn, change, prev }

    /// A key read from the JSON as written, to name a change this Earshot does not know.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        at = try c.decode(Date.self, forKey: .at)
        actor = try c.decode(String.self, forKey: .actor)
        basedOn = try c.decodeIfPresent(Int.self, forKey: .basedOn)
        prev = try c.decodeIfPresent(String.self, forKey: .prev)
        do {
            change = try c.decode(Change.self, forKey: .change)
        } catch let error as DecodingError {
            // A change object naming one kind of change that does not decode here was
            // written by a newer Earshot (a new kind, a new channel): keep it as unknown.
            guard let raw = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: .change),
                  raw.allKeys.count == 1, let kind = raw.allKeys.first?.stringValue
            else { throw error }
            change = .unknown(type: kind)
        }
    }
}
