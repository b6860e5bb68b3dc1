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

    /// `[` `]` move the older revision, `{` `}` the newer; Esc goes back.
    mutating func handleCompare(_ key: Key, _ c: inout Comparison) -> [Effect] {
        guard let draft = workspace.drafts[c.draft] else {
            mode = .normal
            return []
        }
        let numbers = draft.revisions.map(\.number)
        let first = numbers.first ?? 1, last = numbers.last ?? 1
        switch key {
        case .escape, .char("q"), .char("D"): mode = .normal; return []
        case .char("["): c.pick(from: max(first, c.from - 1), to: c.to, in: workspace)
        case .char("]"): c.pick(from: min(c.to - 1, c.from + 1), to: c.to, in: workspace)
        case .char("{"): c.pick(from: c.from, to: max(c.from + 1, c.to - 1), in: workspace)
        case .char("}"): c.pick(from: c.from, to: min(last, c.to + 1), in: workspace)
        default: break
        }
        mode = .compare(c)
        return []
    }
}
