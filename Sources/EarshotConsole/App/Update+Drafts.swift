import EarshotCore
import Foundation

/// Approvals, for comms officers.
extension AppState {
    mutating func review(_ action: Action) -> [Effect] {
        guard focus == .drafts else {
            message = StatusMessage("approval keys work in the drafts pane; press 2 to go there", .info)
            return []
        }
        guard let draft = selectedDraft else { return [] }
        let rev = draft.current.number
        switch action {
        case .approve:
            return [.send([Request(.approve(draft: draft.id, revision: rev), by: me.login, basedOn: draft.version)])]
        case .requestChanges, .reject:
            let reject = action == .reject
            let command: Command = reject
                ? .reject(draft: draft.id, revision: rev, reason: "")
                : .requestChanges(draft: draft.id, revision: rev, comment: "")
            // Ask before typing: a refused reviewer should not write a comment for nothing.
            // The store still decides, and records the refusal.
            let probe: Command = reject
                ? .reject(draft: draft.id, revision: rev, reason: "?")
                : .requestChanges(draft: draft.id, revision: rev, comment: "?")
            if case .failure(let refusal) = Rules.decide(Request(probe, by: me.login, basedOn: draft.version), in: workspace, at: now) {
                showRefusal(refusal.message)
                return [.send([Request(command, by: me.login, basedOn: draft.version)])]
            }
            let purpose: Prompt.Purpose = reject
                ? .reject(draft: draft.id, revision: rev, basedOn: draft.version)
                : .requestChanges(draft: draft.id, revision: rev, basedOn: draft.version)
            let label = reject ? "Reject \(draft.id) r\(rev), reason: " : "Changes to \(draft.id) r\(rev): "
            mode = .prompt(Prompt(purpose: purpose, label: label))
            return []
        default:
            return []
        }
    }

    func submitReviewPrompt(_ purpose: Prompt.Purpose, text: String) -> [Effect] {
        switch purpose {
        case .requestChanges(let id, let rev, let base):
            return [.send([Request(.requestChanges(draft: id, revision: rev, comment: text), by: me.login, basedOn: base)])]
        case .reject(let id, let rev, let base):
            return [.send([Request(.reject(draft: id, revision: rev, reason: text), by: me.login, basedOn: base)])]
        default:
            return []
        }
    }
}
