import Foundation

/// What a person asks for. The store checks it against `Rules` and, if allowed,
/// records the resulting `Change` as an `Event`.
public enum Command: Hashable, Sendable {
    /// A new comment or mention arrives (from an importer or the seed).
    case receive(InboxItem)
    case triage(item: String, to: ItemStatus)
    case assign(item: String, to: String?)
    case tag(item: String, add: [String], remove: [String])
    case createDraft(id: String, channels: [Channel], text: String, inReplyTo: String?)
    case revise(draft: String, text: String)
    case submit(draft: String)
    case approve(draft: String, revision: Int)
    /// Approve to go out at `at`: one decision, so a refused time approves nothing
    /// and a refused approval sets no time. On an approved post it moves the time,
    /// and the approvals given for the old time no longer count.
    case approveAt(draft: String, revision: Int, at: Date)
    case requestChanges(draft: String, revision: Int, comment: String)
    case reject(draft: String, revision: Int, reason: String)
    /// An internal note on an item: for colleagues, never published.
    case note(item: String, text: String)
    /// A reply to an inbox item on its channel, begun at `startedAt` (for collision checks).
    case reply(draft: String, item: String, text: String, startedAt: Date)
    /// Undo of a status change: puts the item back as it was before event `undoing`.
    case revert(item: String, to: ItemStatus, undoing: Int)
    /// When a post should go out (author while drafting, comms when approving); nil: as soon as approved.
    case schedule(draft: String, at: Date?)
    /// A submitted post whose time passed unapproved goes back to its author.
    case expire(draft: String)
    /// The images a post refers to, with their alt text (replaces the list).
    case attach(draft: String, images: [PostImage])
    /// The publisher wrote the post's outbox files.
    case publish(draft: String, files: [String])
    /// The publisher found an approved post that breaks a rule now: back to its author.
    case sendBack(draft: String)
    /// The author takes a submitted draft back out of the queue to work on it.
    case withdraw(draft: String)
    /// A comms officer pulls an approved or scheduled post back into the queue.
    case hold(draft: String)
    /// The channels of a draft that can still be edited (replaces the list).
    case setChannels(draft: String, channels: [Channel])
    /// A new draft `id` with the text, channels and images of a rejected one.
    case copyDraft(id: String, from: String)
    /// Delivery (the machine actor `deliver`): the intent before sending, then how it went.
    case startDelivery(draft: String, channel: Channel, key: String)
    case markDelivered(draft: String, channel: Channel, platformID: String, url: String?)
    case markDeliveryFailed(draft: String, channel: Channel, reason: String, willRetry: Bool, nextTry: Date?)
    /// A comms officer: try a failed delivery again, or pull a post back before it is delivered.
    case retryDelivery(draft: String, channel: Channel)
    case withdrawDelivery(draft: String, channel: Channel)
    /// A comms officer: delete a delivered post from the platform; `deliver` records that it did.
    case requestRemoval(draft: String, channel: Channel)
    case markRemoved(draft: String, channel: Channel)

    /// The id of the item or draft the command acts on.
    public var target: String {
        switch self {
        case .receive(let item): item.id
        case .triage(let id, _), .assign(let id, _), .tag(let id, _, _): id
        case .createDraft(let id, _, _, _): id
        case .revise(let id, _), .submit(let id), .approve(let id, _), .approveAt(let id, _, _), .sendBack(let id),
             .requestChanges(let id, _, _), .reject(let id, _, _): id
        case .note(let id, _), .revert(let id, _, _): id
        case .schedule(let id, _), .expire(let id), .publish(let id, _), .attach(let id, _): id
        case .reply(_, let item, _, _): item
        case .withdraw(let id), .hold(let id), .setChannels(let id, _): id
        case .copyDraft(_, let from): from
        case .startDelivery(let id, _, _), .markDelivered(let id, _, _, _), .markDeliveryFailed(let id, _, _, _, _),
             .retryDelivery(let id, _), .withdrawDelivery(let id, _), .requestRemoval(let id, _), .markRemoved(let id, _): id
        }
    }

    /// One line for the audit trail, e.g. "approve d-0007 r2".
    public var summary: String {
        switch self {
        case .receive(let item): "receive \(item.id)"
        case .triage(let id, let status): "triage \(id) \(status.rawValue)"
        case .assign(let id, let who): "assign \(id) \(who ?? "nobody")"
        case .tag(let id, let add, let remove):
            "tag \(id)" + add.map { " +\($0)" }.joined() + remove.map { " -\($0)" }.joined()
        case .createDraft(let id, _, _, _): "create \(id)"
        case .revise(let id, _): "revise \(id)"
        case .submit(let id): "submit \(id)"
        case .approve(let id, let r): "approve \(id) r\(r)"
        case .approveAt(let id, let r, let at): "approve \(id) r\(r) for \(ISO8601DateFormatter().string(from: at))"
        case .sendBack(let id): "send back \(id)"
        case .requestChanges(let id, let r, _): "request-changes \(id) r\(r)"
        case .reject(let id, let r, _): "reject \(id) r\(r)"
        case .note(let id, _): "note \(id)"
        case .reply(let draft, let item, _, _): "reply \(item) as \(draft)"
        case .revert(let id, let status, let seq): "undo #\(seq) on \(id) back to \(status.rawValue)"
        case .schedule(let id, let at): "schedule \(id) \(at.map { ISO8601DateFormatter().string(from: $0) } ?? "when approved")"
        case .expire(let id): "expire \(id)"
        case .attach(let id, let images): "attach \(images.count) image(s) to \(id)"
        case .publish(let id, let files): "publish \(id) \(files.count) file(s)"
        case .withdraw(let id): "withdraw \(id)"
        case .hold(let id): "hold \(id)"
        case .setChannels(let id, let channels): "channels \(id) \(channels.map(\.rawValue).joined(separator: " "))"
        case .copyDraft(let id, let from): "copy \(from) as \(id)"
        case .startDelivery(let id, let channel, _): "send \(id) to \(channel.rawValue)"
        case .markDelivered(let id, let channel, _, _): "record \(id) delivered to \(channel.rawValue)"
        case .markDeliveryFailed(let id, let channel, _, _, _): "record \(id) failed on \(channel.rawValue)"
        case .retryDelivery(let id, let channel): "retry \(id) on \(channel.rawValue)"
        case .withdrawDelivery(let id, let channel): "withdraw \(id) from \(channel.rawValue)"
        case .requestRemoval(let id, let channel): "delete \(id) from \(channel.rawValue)"
        case .markRemoved(let id, let channel): "record \(id) deleted from \(channel.rawValue)"
        }
    }
}

/// A command with who asks and which version of the target they saw.
public struct Request: Hashable, Sendable {
    public var command: Command
    public var actor: String
    /// The target's `version` as the actor last saw it; nil for commands that create.
    public var basedOn: Int?

    public init(_ command: Command, by actor: String, basedOn: Int? = nil) {
        self.command = command
        self.actor = actor
        self.basedOn = basedOn
    }
}

/// Why a command was not carried out. `rule` is a stable name for audits and tests.
public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var rule: String
    public var message: String

    public init(_ rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
