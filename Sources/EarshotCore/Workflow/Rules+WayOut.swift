import Foundation

/// The ways back out of each state of a draft: withdraw, hold, channels, copy.
/// Kept apart from `decide` so its switch stays one case per command family.
extension Rules {
    static func wayOut(_ command: Command, actor: StaffMember, ws: Workspace, now: Date) -> Result<Change, Refusal> {
        switch command {
        case .withdraw(let id):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.author == actor.login, draft.state == .submitted else {
                return .failure(Refusal("draft.withdraw", draft.author == actor.login
                    ? "only a submitted draft can be withdrawn; \(id) is \(draft.state.rawValue)"
                    : "only the author withdraws a draft from review"))
            }
            return .success(.withdrawn(draft: id))

        case .hold(let id):
            guard actor.role == .comms else {
                return .failure(Refusal("role.hold", "only comms officers can hold an approved post"))
            }
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.state == .approved || draft.state == .scheduled else {
                return .failure(Refusal("hold.state", "only an approved or scheduled post can be held; \(id) is \(draft.state.rawValue)"))
            }
            return .success(.held(draft: id))

        case .setChannels(let id, let channels):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.author == actor.login || actor.role == .comms else {
                return .failure(Refusal("draft.edit", "only the author or a comms officer can edit a draft"))
            }
            guard draft.state.isEditable else {
                return .failure(Refusal("draft.closed", "a \(draft.state.rawValue) draft cannot be edited"))
            }
            guard !draft.isReply else {
                return .failure(Refusal("draft.channels", "a reply goes out on the channel it answers"))
            }
            guard !channels.isEmpty else { return .failure(Refusal("draft.channels", "a draft needs at least one channel")) }
            guard channels != draft.channels else {
                return .failure(Refusal("channels.unchanged", "\(id) already goes out on those channels"))
            }
            let allowed = ws.config.channelsAllowed(for: actor)
            if let barred = channels.first(where: { !allowed.contains($0) }) {
                return .failure(Refusal("policy.draft-channels", "store.json does not let \(actor.login) draft for \(barred.displayName)"))
            }
            return .success(.channelsChanged(draft: id, channels: channels))

        case .copyDraft(let id, let sourceID):
            guard let source = ws.drafts[sourceID] else { return .failure(missing("draft", sourceID)) }
            guard source.state == .rejected else {
                return .failure(Refusal("draft.copy", "only a rejected draft is copied; \(sourceID) is \(source.state.rawValue) (edit it instead)"))
            }
            guard source.author == actor.login || actor.role == .comms else {
                return .failure(Refusal("draft.copy", "only the author or a comms officer can copy \(sourceID)"))
            }
            guard ws.drafts[id] == nil else { return .failure(Refusal("draft.duplicate", "draft \(id) already exists")) }
            let allowed = ws.config.channelsAllowed(for: actor)
            let channels = source.channels.filter(allowed.contains)
            guard !channels.isEmpty else {
                return .failure(Refusal("policy.draft-channels", "store.json does not let \(actor.login) draft for \(source.channels.map(\.displayName).joined(separator: ", "))"))
            }
            var copy = Draft(
                id: id, author: actor.login, branch: actor.branch ?? source.branch, channels: channels,
                revisions: [Revision(number: 1, text: source.text, author: actor.login, at: now)],
                createdAt: now, images: source.images)
            copy.copiedFrom = sourceID
            return .success(.draftCreated(draft: copy))

        default:
            return .failure(Refusal("command.unknown", "not a way-out command: \(command.summary)"))
        }
    }
}
