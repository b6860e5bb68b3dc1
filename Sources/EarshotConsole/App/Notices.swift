import EarshotCore
import Foundation

/// Comms officers hear, live, what enters or changes in their queue in another
/// session; authors hear when their post expires or goes out (see `noticeReviews`).
extension AppState {
    mutating func noticeQueue(_ events: [Event]) {
        guard me.role == .comms else { return }
        for event in events where event.actor != me.login {
            let who = workspace.member(event.actor)?.name ?? event.actor
            let text: String
            switch event.change {
            case .submitted(let id, let revision):
                guard let draft = workspace.drafts[id] else { continue }
                let again = revision > 1 || !draft.notes.isEmpty
                text = again ? "\(who) resubmitted \(id) (revision \(revision)) after changes" : "\(who) submitted \(id) for approval"
            case .revised(let id, _):
                // An edit of a post an officer had approved takes its approvals away.
                guard let draft = workspace.drafts[id], draft.notes.contains(where: { $0.verdict == .approved }) else { continue }
                text = "\(who) edited \(id), which had approvals; it needs approving again"
            case .expired(let id):
                text = "\(id) expired: its time passed before it was approved"
            case .deliveryFailed(let id, let channel, let reason, let retry, _):
                // A failure is comms' to see without opening a log: R retries, W withdraws.
                message = StatusMessage("\(id) did not reach \(channel.displayName): \(reason)" + (retry ? "" : "; R retries, W withdraws"), .warning)
                continue
            default:
                continue
            }
            message = StatusMessage(text, .info)
        }
    }
}
