import EarshotCore
import Foundation
import Terminal

/// Approving for a time, and comparing revisions.
extension AppState {
    mutating func openApproveAt() {
        guard focus == .drafts, let draft = selectedDraft else { return }
        let suggestion = draft.scheduledFor.map { Self.formatLocal($0, calendar: workspace.config.calendar) } ?? ""
        mode = .prompt(Prompt(
            purpose: .approveAt(draft: draft.id, revision: draft.current.number, basedOn: draft.version),
            label: "Approve \(draft.id) to go out at (YYYY-MM-DD HH:MM): ", text: suggestion))
    }

    mutating func submitApproveAt(_ prompt: inout Prompt, text: String) -> [Effect] {
        guard case .approveAt(let id, let revision, let base) = prompt.purpose else { return [] }
        guard let at = Self.parseLocal(text, calendar: workspace.config.calendar) else {
            mode = .prompt(prompt)
            message = StatusMessage("write the time as 2026-12-01 09:30 (\(workspace.config.calendar.timeZone.identifier))", .refusal)
            return []
        }
        mode = .normal
        // One decision: a refused time approves nothing, a refused approval sets no time.
        return [.send([Request(.approveAt(draft: id, revision: revision, at: at), by: me.login, basedOn: base)])]
    }

    static func parseLocal(_ text: String, calendar: Calendar) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, time.count == 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute) = (day[0], day[1], day[2], time[0], time[1])
        guard let date = calendar.date(from: c), calendar.component(.day, from: date) == day[2] else { return nil }
        return date
    }

    static func formatLocal(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    mutating func openCompare() {
        guard focus == .drafts, let draft = selectedDraft else { return }
        guard draft.revisions.count > 1 else {
            message = StatusMessage("\(draft.id) has one revision; nothing to compare", .info)
            return
        }
        let last = draft.current.number
        mode = .compare(Comparison(draft: draft.id, from: last - 1, to: last, in: workspace))
    }

    /// `[` `]` move the older revision, `{` `}` the newer; Esc goes back; keys from the keymap.
    mutating func handleCompare(_ key: Key, _ c: inout Comparison) -> [Effect] {
        guard let draft = workspace.drafts[c.draft] else {
            mode = .normal
            return []
        }
        let numbers = draft.revisions.map(\.number)
        let first = numbers.first ?? 1, last = numbers.last ?? 1
        switch keymap.action(for: key, in: .compare) {
        case .back, .quit: mode = .normal; return []
        case .help:
            helpReturn = .compare(c)
            mode = .help(scroll: 0)
            return []
        case .compareOlderFrom: c.pick(from: max(first, c.from - 1), to: c.to, in: workspace)
        case .compareNewerFrom: c.pick(from: min(c.to - 1, c.from + 1), to: c.to, in: workspace)
        case .compareOlderTo: c.pick(from: c.from, to: max(c.from + 1, c.to - 1), in: workspace)
        case .compareNewerTo: c.pick(from: c.from, to: min(last, c.to + 1), in: workspace)
        default: break
        }
        mode = .compare(c)
        return []
    }

    /// The keys that apply now: the schedule's or the comparison's own, else the pane's.
    var helpContext: KeyContext {
        switch mode {
        case .schedule: return .schedule
        case .compare: return .compare
        case .help:
            if case .schedule = helpReturn { return .schedule }
            if case .compare = helpReturn { return .compare }
            return focus.context
        default: return focus.context
        }
    }

    /// `S`: move through the approved posts and act on the one under the cursor.
    mutating func handleSchedule(_ key: Key, row: Int) -> [Effect] {
        let posts = ScheduleView.posts(self)
        let row = min(max(0, row), max(0, posts.count - 1))
        let post = posts.indices.contains(row) ? posts[row] : nil
        switch keymap.action(for: key, in: .schedule) {
        case .back, .scheduleView, .quit: mode = .normal
        case .down: mode = .schedule(scroll: min(row + 1, max(0, posts.count - 1)))
        case .up: mode = .schedule(scroll: max(0, row - 1))
        case .top: mode = .schedule(scroll: 0)
        case .bottom: mode = .schedule(scroll: max(0, posts.count - 1))
        case .help:
            helpReturn = .schedule(scroll: row)
            mode = .help(scroll: 0)
        case .open:
            guard let post else { return [] }
            showInDrafts(post.id)
            mode = .detail(scroll: 0)
        case .holdPost:
            guard let post else { return [] }
            return [.send([Request(.hold(draft: post.id), by: me.login, basedOn: post.version)])]
        case .unschedulePost:
            guard let post else { return [] }
            return [.send([Request(.schedule(draft: post.id, at: nil), by: me.login, basedOn: post.version)])]
        case .reschedule:
            guard let post else { return [] }
            let current = post.scheduledFor.map { Self.formatLocal($0, calendar: workspace.config.calendar) } ?? ""
            mode = .prompt(Prompt(purpose: .reschedule(draft: post.id, basedOn: post.version, row: row),
                                  label: "Move \(post.id) to (YYYY-MM-DD HH:MM): ", text: current))
        case .approveAt:
            guard let post else { return [] }
            showInDrafts(post.id)
            openApproveAt()
        default: break
        }
        return []
    }

    /// Selects a draft in the drafts pane, clearing a filter that hides it.
    mutating func showInDrafts(_ id: String) {
        if !draftOrder.contains(id) { setDraftFilter(nil) }
        focus = .drafts
        if let i = draftOrder.firstIndex(of: id) { drafts.index = i }
        clampCursors()
    }

    /// Enter on the schedule's time prompt: a plain move, which the officers approve again.
    mutating func submitReschedule(_ prompt: inout Prompt, text: String?) -> [Effect] {
        guard case .reschedule(let id, let base, let row) = prompt.purpose else { return [] }
        guard let text else {
            mode = .schedule(scroll: row)
            return []
        }
        let at: Date?
        if text.isEmpty {
            at = nil
        } else if let parsed = Self.parseLocal(text, calendar: workspace.config.calendar) {
            at = parsed
        } else {
            message = StatusMessage("write the time as 2026-12-01 09:30 (\(workspace.config.calendar.timeZone.identifier))", .refusal)
            mode = .prompt(prompt)
            return []
        }
        mode = .schedule(scroll: row)
        return [.send([Request(.schedule(draft: id, at: at), by: me.login, basedOn: base)])]
    }
}
