import Foundation

/// What the gate says about an approved post at the moment it is due to go out.
public enum PublishVerdict: Hashable, Sendable {
    /// Every rule holds: it may be written to the outbox now.
    case ready
    /// Not yet: its time has not come, or quiet hours hold it until `until`.
    case wait(until: Date?, Refusal)
    /// A rule stops it for good: it goes back to its author with the rule named.
    case sendBack(Refusal)
    /// It is not an approved post at all.
    case notApproved(Refusal)
}

extension Rules {
    /// Publication is decided here, once, at the moment it matters, against every
    /// rule that guards it: approvals by enough different comms officers on this
    /// revision, four-eyes, who drafts for which channel, each channel's length,
    /// every blocking policy finding at the actual time of publication, and, for a
    /// reply, the comment it answers. The publisher asks this under the lock before
    /// it writes anything, and `decide(.publish)` asks it again.
    public static func publishVerdict(_ draft: Draft, in ws: Workspace, at now: Date) -> PublishVerdict {
        guard draft.state == .approved || draft.state == .scheduled else {
            return .notApproved(Refusal("publish.state", "only approved posts are published; \(draft.id) is \(draft.state.rawValue)"))
        }
        if let at = draft.scheduledFor, at > now {
            return .wait(until: at, Refusal("publish.early", "\(draft.id) is scheduled for later"))
        }
        if let target = draft.inReplyTo, ws.items[target] == nil {
            return .sendBack(Refusal("publish.reply-target", "the comment \(draft.id) answers (\(target)) is no longer in the store, so it cannot go out as a reply"))
        }
        guard let author = ws.member(draft.author) else {
            return .sendBack(Refusal("publish.author", "its author \(draft.author) is no longer in staff.json"))
        }
        let allowed = ws.config.channelsAllowed(for: author)
        if let barred = draft.channels.first(where: { !allowed.contains($0) }) {
            return .sendBack(Refusal("policy.draft-channels", "store.json does not let \(author.login) draft for \(barred.displayName)"))
        }
        if let problem = approvalProblem(draft, author: author, ws: ws) { return .sendBack(problem) }
        if let over = overLength(draft) { return .sendBack(Refusal("publish.length", over)) }
        let blocking = PolicyLint.blocking(ws.config.lint(draft, publishAt: now))
        if let other = blocking.first(where: { $0.rule != "quiet-hours" }) {
            return .sendBack(Refusal("policy.\(other.rule)", "the posting policy blocks this: \(other.message)"))
        }
        if let quiet = blocking.first, let hours = ws.config.postPolicy?.quietHours {
            let end = PolicyLint.quietHoursEnd(after: now, hours, calendar: ws.config.calendar)
            return .wait(until: end, Refusal("policy.quiet-hours", "the posting policy holds this: \(quiet.message); it goes out when they end"))
        }
        return .ready
    }

    /// Enough valid approvals for the strictest channel: each by a current comms
    /// officer, on the revision being published, none by its writers under four-eyes.
    /// A direct reply had none by design, as long as its route still allows that.
    private static func approvalProblem(_ draft: Draft, author: StaffMember, ws: Workspace) -> Refusal? {
        if draft.direct == true, let channel = draft.channels.first {
            if author.role != .staff || ws.config.replyRoute(for: channel) == .direct { return nil }
        }
        let revision = draft.current.number
        let writers = Set(draft.revisions.map(\.author) + [draft.author])
        let valid = Set(draft.approvals).filter { login in
            ws.member(login)?.role == .comms
                && !(ws.config.policy.fourEyes && writers.contains(login))
                && draft.notes.contains { $0.by == login && $0.verdict == .approved && $0.revision == revision }
        }
        let needed = ws.config.approvalsNeeded(for: draft.channels)
        guard valid.count < needed else { return nil }
        return Refusal("publish.approvals", "\(draft.id) needs \(needed) approvals by different comms officers on revision \(revision); it has \(valid.count)")
    }
}
