import EarshotCore
import Foundation

/// "While you were away": on opening, what happened to your drafts and your assigned
/// items since you last did anything in the store, on the status line and in the log.
/// The store keeps no per-person session history, so "away" starts at your own last
/// recorded action: a revision, submission, review, triage or note of yours.
enum WhileAway {
    static func lastSeen(_ me: String, in ws: Workspace) -> Date? {
        var times: [Date] = []
        for draft in ws.drafts.values {
            times += draft.revisions.filter { $0.author == me }.map(\.at)
            times += draft.notes.filter { $0.by == me }.map(\.at)
            if draft.author == me, let at = draft.submittedAt { times.append(at) }
            if draft.changedBy == me, let at = draft.changedAt { times.append(at) }
        }
        for item in ws.items.values {
            if item.changedBy == me, let at = item.changedAt { times.append(at) }
            times += item.notes.filter { $0.by == me }.map(\.at)
        }
        return times.max()
    }

    static func summary(for me: StaffMember, in ws: Workspace) -> [String] {
        guard let since = lastSeen(me.login, in: ws) else { return [] }
        func name(_ login: String) -> String { ws.member(login)?.name ?? login }
        var lines: [(Date, String)] = []
        for draft in ws.drafts.values where draft.author == me.login {
            for note in draft.notes where note.at > since && note.by != me.login {
                let what = switch note.verdict {
                case .approved: "\(name(note.by)) approved \(draft.id)"
                case .changesRequested: "\(name(note.by)) sent \(draft.id) back for changes: \(note.text)"
                case .rejected: "\(name(note.by)) rejected \(draft.id): \(note.text)"
                case .expired: "\(draft.id) expired: its time passed before approval"
                case .blocked: "\(draft.id) came back to you, \(note.text)"
                case .held: "\(name(note.by)) held \(draft.id) back in the queue"
                }
                lines.append((note.at, what))
            }
            if let at = draft.publishedAt, at > since { lines.append((at, "\(draft.id) was published")) }
        }
        for item in ws.items.values where item.assignee == me.login && item.status == .replied {
            guard let at = item.changedAt, at > since, item.changedBy != me.login else { continue }
            lines.append((at, "\(item.author.displayName)'s \(item.channel.displayName) post assigned to you was replied to by \(item.changedBy.map(name) ?? "a colleague")"))
        }
        return lines.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension AppState {
    /// Says, on the status line, what happened while you were away; the whole list is in
    /// the message log (`M`). The panes stay usable: the next key dismisses it.
    public mutating func showWhileAway() {
        let lines = WhileAway.summary(for: me, in: workspace)
        guard let first = lines.first else { return }
        messageLog.append(StatusMessage("While you were away (\(lines.count)):", .info))
        messageLog += lines.map { StatusMessage($0, .info) }
        let more = lines.count > 1 ? " (+\(lines.count - 1) more: L reads them)" : ""
        message = StatusMessage("While you were away: \(first)\(more)", .info)
    }
}
