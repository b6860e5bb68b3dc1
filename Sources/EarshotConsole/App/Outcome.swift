import Foundation
import EarshotCore

/// The status-line sentence for something that happened.
enum Outcome {
    static func describe(_ event: Event, in ws: Workspace) -> String {
        func who(_ id: String) -> String {
            guard let item = ws.items[id] else { return id }
            return "\(item.author.displayName) on \(item.channel.displayName)"
        }
        func author(_ id: String) -> String {
            ws.drafts[id].flatMap { ws.member($0.author)?.name ?? $0.author } ?? "?"
        }
        switch event.change {
        case .triaged(let id, _, let to):
            switch to {
            case .handled: return "Marked handled: \(who(id))"
            case .needsReply: return "Flagged as needing a reply: \(who(id))"
            case .escalated: return "Escalated to comms: \(who(id))"
            case .hidden: return "Hidden as spam: \(who(id))"
            case .new, .replied: return "\(id) is now \(to.label)"
            }
        case .assigned(let id, let to): return "Assigned \(who(id)) to \(to ?? "nobody")"
        case .tagged(let id, let added, let removed):
            return "Tags on \(who(id)): " + (added.map { "+\($0)" } + removed.map { "-\($0)" }).joined(separator: " ")
        case .approved(let id, let rev, let at):
            let when = at.map { " to go out " + AppState.formatLocal($0, calendar: ws.config.calendar) } ?? ""
            return "Approved \(id) revision \(rev) by \(author(id))\(when)"
        case .sentBack(let id, _, let reason): return "\(id) went back to \(author(id)): \(reason)"
        case .changesRequested(let id, let rev, _): return "Sent \(id) revision \(rev) back to \(author(id)) for changes"
        case .rejected(let id, let rev, _): return "Rejected \(id) revision \(rev) by \(author(id))"
        case .submitted(let id, _): return "Submitted \(id) for approval"
        case .revised(let id, let revision): return "Saved \(id) revision \(revision.number)"
        case .draftCreated(let draft):
            return draft.copiedFrom.map { "Copied \($0) into a new draft \(draft.id); e edits it" } ?? "Created draft \(draft.id)"
        case .received(let item): return "New in the inbox: \(item.author.displayName) on \(item.channel.displayName)"
        case .noted(let id, _): return "Note added to \(who(id)) (internal)"
        case .replyDrafted(let draft, let direct):
            return direct ? "Reply \(draft.id) sent" : "Reply \(draft.id) is waiting for approval by comms"
        case .reverted(let id, _, let to, _): return "Undone: \(who(id)) is \(to.label) again"
        case .scheduled(let id, let at):
            return at.map { "\(id) goes out \(AppState.formatLocal($0, calendar: ws.config.calendar))" } ?? "\(id) goes out as soon as it is approved"
        case .attached(let id, let images): return "\(id) now refers to \(images.count) image\(images.count == 1 ? "" : "s")"
        case .expired(let id): return "\(id) expired unapproved and went back to \(author(id))"
        case .published(let id, let files): return "Published \(id) to the outbox (\(files.count) file\(files.count == 1 ? "" : "s"))"
        case .withdrawn(let id): return "Withdrew \(id) from review; e edits it, s submits it again"
        case .held(let id): return "Held \(id) back: it is in the queue again and needs approving to go out"
        case .channelsChanged(let id, let channels):
            return "\(id) now goes out on \(channels.map(\.displayName).joined(separator: ", "))"
        case .deliveryStarted(let id, let channel, _): return "Sending \(id) to \(channel.displayName)"
        case .delivered(let id, let channel, _, let url): return "\(id) is on \(channel.displayName)\(url.map { ": " + $0 } ?? "")"
        case .deliveryFailed(let id, let channel, let reason, let retry, _):
            return "\(id) did not reach \(channel.displayName): \(reason)" + (retry ? "; it will be tried again" : "")
        case .deliveryRetried(let id, let channel): return "\(id) will be tried again on \(channel.displayName)"
        case .deliveryWithdrawn(let id, let channel): return "Withdrew \(id) from \(channel.displayName); it will not be sent"
        case .removalRequested(let id, let channel): return "\(id) will be deleted from \(channel.displayName) on the next delivery run"
        case .removed(let id, let channel): return "\(id) was deleted from \(channel.displayName)"
        case .refused(_, _, let reason): return reason
        case .unknown(let type): return "A change of a kind this Earshot does not know (\(type)) was kept as written"
        case .migrated(_, let to, _): return "The store was migrated to format \(to)"
        }
    }
}
