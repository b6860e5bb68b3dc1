import EarshotCore
import Foundation
import Terminal

/// The drafts pane's ways out: submit, withdraw, hold, unschedule, copy, reopen,
/// its filter, and where the cursor goes after a review.
extension AppState {
    mutating func draftAction(_ action: Action) -> [Effect] {
        guard focus == .drafts else { return [] }
        if action == .resumePost { return resumePost() }
        if action == .filter {
            mode = .prompt(Prompt(purpose: .draftFilter, label: "Filter drafts: ", text: draftFilter?.text ?? "",
                                  candidates: ["state:", "channel:", "author:", "branch:", "needs:second-approval", "scheduled:this-week", "mine"]
                                      + DraftState.allCases.map { "state:\($0.rawValue)" }))
            return []
        }
        if action == .clearFilter {
            setDraftFilter(nil)
            message = StatusMessage("showing every draft", .info)
            return []
        }
        guard let draft = selectedDraft else { return [] }
        if [.retryDelivery, .withdrawDelivery, .removePost].contains(action) { return deliveryAction(action, draft) }
        let command: Command
        switch action {
        case .submitDraft: command = .submit(draft: draft.id)
        case .withdrawDraft: command = .withdraw(draft: draft.id)
        case .holdPost: command = .hold(draft: draft.id)
        case .unschedulePost: command = .schedule(draft: draft.id, at: nil)
        case .copyDraft: command = .copyDraft(id: nextDraftID, from: draft.id)
        default: return []
        }
        return [.send([Request(command, by: me.login, basedOn: action == .copyDraft ? nil : draft.version)])]
    }

    /// `R` retries every channel where the post failed; `W` withdraws it from every
    /// channel it has not reached (one request each, so each is recorded).
    private mutating func deliveryAction(_ action: Action, _ draft: Draft) -> [Effect] {
        let requests: [Request]
        if action == .retryDelivery {
            requests = draft.deliveries.filter { $0.state == .failed }
                .map { Request(.retryDelivery(draft: draft.id, channel: $0.channel), by: me.login) }
        } else if action == .removePost {
            requests = draft.deliveries.filter { $0.state == .delivered && [.mastodon, .bluesky, .facebook].contains($0.channel) }
                .map { Request(.requestRemoval(draft: draft.id, channel: $0.channel), by: me.login) }
        } else {
            requests = draft.channels.filter { [nil, .failed].contains(draft.delivery($0)?.state) }
                .map { Request(.withdrawDelivery(draft: draft.id, channel: $0), by: me.login) }
        }
        guard draft.state == .published, !requests.isEmpty else {
            let why = switch action {
            case .retryDelivery: "\(draft.id) has not failed anywhere"
            case .removePost: "\(draft.id) is not delivered anywhere Earshot can delete from"
            default: "\(draft.id) has nothing left to withdraw"
            }
            message = StatusMessage(why, .info)
            return []
        }
        return [.send(requests)]
    }

    /// `r` in the drafts pane: the post that was closed with `q` comes back.
    private mutating func resumePost() -> [Effect] {
        guard var c = composer, c.post != nil else {
            message = StatusMessage("no post is being written; n starts one, e edits the selected draft", .info)
            return []
        }
        c.menu = false
        composer = c
        mode = .compose
        return []
    }

    /// The drafts pane's views, as the keys 3 to 8 list them.
    static let draftViews: [(name: String, filter: String)] = [
        ("Waiting", "state:submitted"),
        ("Needs a second approval", "needs:second-approval"),
        ("Going out this week", "scheduled:this-week"),
        ("Mine", "mine"),
        ("Expired or sent back", "state:expired,changes-requested"),
        ("Rejected", "state:rejected"),
    ]

    /// The store's own drafts views (`draftViews` in store.json), else the built-in ones.
    var draftViewList: [(name: String, filter: String)] {
        if let views = workspace.config.draftViews, !views.isEmpty { return views.map { ($0.name, $0.filter) } }
        return Self.draftViews
    }

    mutating func openDraftView(_ index: Int) {
        let views = draftViewList
        guard views.indices.contains(index) else { return }
        guard case .success(let filter) = DraftFilter.parse(views[index].filter) else {
            message = StatusMessage("the drafts view \(views[index].name) in store.json cannot work; earshot fsck says why", .refusal)
            return
        }
        setDraftFilter(filter)
        message = StatusMessage("\(views[index].name): \(draftOrder.count) drafts (0 shows every draft)", .info)
    }

    mutating func setDraftFilter(_ filter: DraftFilter?) {
        let keep = selectedDraft?.id
        draftFilter = filter
        rebuildDraftOrder()
        drafts.index = keep.flatMap { draftOrder.firstIndex(of: $0) } ?? 0
        clampCursors()
    }

    /// Enter or Esc on the prompts of the drafts side; `text` is nil for Esc.
    mutating func submitDraftPrompt(_ prompt: inout Prompt, text: String?) -> [Effect] {
        switch prompt.purpose {
        case .reschedule:
            return submitReschedule(&prompt, text: text)
        case .refused:
            mode = .normal
        case .postTime:
            mode = .compose
            guard let text else { return [] }
            if text.isEmpty {
                composer?.post?.scheduledFor = nil
                message = StatusMessage("it goes out as soon as it is approved", .info)
            } else if let at = Self.parseLocal(text, calendar: workspace.config.calendar) {
                composer?.post?.scheduledFor = at
                message = StatusMessage("goes out \(Self.formatLocal(at, calendar: workspace.config.calendar)) once approved; y submits", .info)
            } else {
                mode = .prompt(prompt)
                message = StatusMessage("write the time as 2026-12-01 09:30 (\(workspace.config.calendar.timeZone.identifier))", .refusal)
            }
        case .draftFilter:
            guard let text, !text.isEmpty else {
                mode = .normal
                setDraftFilter(nil)
                return []
            }
            switch DraftFilter.parse(text) {
            case .success(let parsed):
                mode = .normal
                setDraftFilter(parsed)
                message = StatusMessage("\(draftOrder.count) drafts match \(text)", .info)
            case .failure(let error):
                prompt.cursor = min(error.column, prompt.text.count)
                mode = .prompt(prompt)
                message = StatusMessage("bad filter at column \(error.column + 1), '\(error.term)': \(error.message)", .refusal)
            }
        default:
            mode = .normal
        }
        return []
    }

    /// A refusal that must be read before anything else is typed: keys after it do nothing
    /// until Enter or Esc, so a comment typed in a hurry never runs as commands.
    mutating func showRefusal(_ text: String) {
        mode = .prompt(Prompt(purpose: .refused, label: "Refused: \(text) (Enter or Esc)"))
    }

    /// After a review the cursor goes to the next waiting draft, not after the one reviewed.
    mutating func advanceAfterReview(_ request: Request) {
        let id: String
        switch request.command {
        case .approve(let d, _), .approveAt(let d, _, _), .requestChanges(let d, _, _), .reject(let d, _, _), .hold(let d): id = d
        default: return
        }
        guard focus == .drafts, let reviewed = workspace.drafts[id] else { return }
        let waiting = draftOrder.compactMap { workspace.drafts[$0] }.filter { $0.state == .submitted && $0.id != id }
        let bySchedule = draftsBySchedule
        let key = { (d: Draft) in bySchedule ? (d.scheduledFor ?? .distantFuture, d.id) : (d.submittedAt ?? d.createdAt, d.id) }
        guard let next = waiting.first(where: { key($0) > key(reviewed) }) ?? waiting.first,
              let i = draftOrder.firstIndex(of: next.id) else { return }
        drafts.index = i
        clampCursors()
    }
}
