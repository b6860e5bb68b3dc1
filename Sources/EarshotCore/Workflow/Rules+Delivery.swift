import Foundation

extension Rules {
    /// The actor `earshot deliver` records its events as.
    public static let delivererActor = "deliver"

    /// Delivery only ever carries what the gate released: a published draft, on a
    /// channel it was published for. Each step is refused once the post is delivered
    /// or withdrawn, so a second deliverer (or a late one) cannot record it twice.
    static func delivery(_ command: Command, actor: StaffMember, ws: Workspace, now: Date) -> Result<Change, Refusal> {
        let (id, channel): (String, Channel)
        switch command {
        case .startDelivery(let d, let c, _), .markDelivered(let d, let c, _, _), .markDeliveryFailed(let d, let c, _, _, _),
             .retryDelivery(let d, let c), .withdrawDelivery(let d, let c):
            (id, channel) = (d, c)
        default:
            return .failure(Refusal("delivery.command", "not a delivery command"))
        }
        // What happened on a platform is recorded by the deliverer that saw it, never by a person.
        switch command {
        case .startDelivery, .markDelivered, .markDeliveryFailed:
            guard actor.login == delivererActor else {
                return .failure(Refusal("delivery.machine", "only `earshot deliver` records what a platform did"))
            }
        default: break
        }
        guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
        guard draft.state == .published else {
            return .failure(Refusal("delivery.unpublished", "\(id) is \(draft.state.rawValue); only what publish released is delivered"))
        }
        guard draft.channels.contains(channel) else {
            return .failure(Refusal("delivery.channel", "\(id) was not published for \(channel.displayName)"))
        }
        let current = draft.delivery(channel)
        if [.delivered, .removing, .removed].contains(current?.state) {
            return .failure(Refusal("delivery.done", "\(id) is already on \(channel.displayName)"))
        }
        if current?.state == .withdrawn {
            return .failure(Refusal("delivery.withdrawn", "\(id) was withdrawn from \(channel.displayName)"))
        }
        switch command {
        case .startDelivery(_, _, let key):
            if let current, current.key != key {
                return .failure(Refusal("delivery.key", "\(id) on \(channel.displayName) was started with another key"))
            }
            return .success(.deliveryStarted(draft: id, channel: channel, key: key))
        case .markDelivered(_, _, let platformID, let url):
            guard current != nil else { return .failure(Refusal("delivery.intent", "no intent was recorded for \(id) on \(channel.displayName)")) }
            return .success(.delivered(draft: id, channel: channel, platformID: platformID, url: url))
        case .markDeliveryFailed(_, _, let reason, let willRetry, let nextTry):
            // Failed again (also when asking the platform failed): the newest reason stands.
            guard current?.state == .sending || current?.state == .failed else {
                return .failure(Refusal("delivery.intent", "\(id) is not being sent to \(channel.displayName)"))
            }
            return .success(.deliveryFailed(draft: id, channel: channel, reason: String(reason.prefix(500)), willRetry: willRetry, nextTry: nextTry))
        case .retryDelivery:
            guard actor.role == .comms else { return .failure(Refusal("role.delivery", "only comms officers retry a delivery")) }
            guard current?.state == .failed else {
                return .failure(Refusal("delivery.not-failed", "\(id) has not failed on \(channel.displayName)"))
            }
            return .success(.deliveryRetried(draft: id, channel: channel))
        case .withdrawDelivery:
            guard actor.role == .comms else { return .failure(Refusal("role.delivery", "only comms officers withdraw a post")) }
            // Mid-send it may already be on the platform: wait for the outcome.
            if current?.state == .sending {
                return .failure(Refusal("delivery.sending", "\(id) is being sent to \(channel.displayName) right now; wait for the outcome"))
            }
            return .success(.deliveryWithdrawn(draft: id, channel: channel))
        default:
            return .failure(Refusal("delivery.command", "not a delivery command"))
        }
    }

    /// Deleting a delivered post from its platform: asked by a comms officer, done and
    /// recorded by `deliver`. Only where the platform's API deletes (not WordPress here).
    static func removal(_ command: Command, actor: StaffMember, ws: Workspace) -> Result<Change, Refusal> {
        switch command {
        case .requestRemoval(let id, let channel):
            guard actor.role == .comms else { return .failure(Refusal("role.delivery", "only comms officers delete a post from a platform")) }
            guard [.mastodon, .bluesky, .facebook].contains(channel) else {
                return .failure(Refusal("removal.platform", "Earshot cannot delete posts from \(channel.displayName); do it there"))
            }
            guard ws.drafts[id]?.delivery(channel)?.state == .delivered else {
                return .failure(Refusal("removal.state", "\(id) is not delivered on \(channel.displayName)"))
            }
            return .success(.removalRequested(draft: id, channel: channel))
        case .markRemoved(let id, let channel):
            guard actor.login == delivererActor else {
                return .failure(Refusal("delivery.machine", "only `earshot deliver` records what a platform did"))
            }
            guard ws.drafts[id]?.delivery(channel)?.state == .removing else {
                return .failure(Refusal("removal.state", "no deletion of \(id) from \(channel.displayName) was asked for"))
            }
            return .success(.removed(draft: id, channel: channel))
        default:
            return .failure(Refusal("delivery.command", "not a removal command"))
        }
    }
}
