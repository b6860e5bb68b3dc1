import EarshotCore
import Foundation

/// What decides a draft's next action, in its row: state, approvals had of needed,
/// when it goes out, and whether the policy blocks (✗) or warns (!).
enum DraftRow {
    static func status(_ draft: Draft, state: AppState) -> String {
        let ws = state.workspace
        var parts = [draft.state == .published ? delivery(draft) : draft.state.rawValue]
        let needed = ws.config.approvalsNeeded(for: draft.channels)
        if draft.state == .submitted || needed > 1 { parts.append("\(draft.approvals.count)/\(needed)") }
        let findings = ws.config.lint(draft, publishAt: draft.scheduledFor ?? state.now)
        if draft.state.isEditable || draft.state == .approved || draft.state == .scheduled {
            if !PolicyLint.blocking(findings).isEmpty {
                parts.append(state.glyphs.over)
            } else if !findings.isEmpty {
                parts.append("!")
            }
        }
        if let at = draft.scheduledFor, draft.state != .published { parts.append(compact(at, state: state)) }
        return parts.joined(separator: " ")
    }

    /// A published post's row says where delivery stands, so a failure shows in the queue:
    /// "FAILED" if any channel failed, "sending", "delivered", else "published".
    static func delivery(_ draft: Draft) -> String {
        let states = draft.deliveries.map(\.state)
        if states.contains(.failed) { return "FAILED" }
        if states.contains(.sending) || states.contains(.removing) { return "sending" }
        if !states.isEmpty, draft.channels.allSatisfy({ [.delivered, .removed, .withdrawn].contains(draft.delivery($0)?.state) }) {
            return states.contains(.delivered) ? "delivered" : "withdrawn"
        }
        return "published"
    }

    /// "17:00" today, "28 Nov 17:00" otherwise, with the year when not this year's.
    static func compact(_ date: Date, state: AppState) -> String {
        let calendar = state.workspace.config.calendar
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        if calendar.isDate(date, inSameDayAs: state.now) { return time }
        let year = c.year == calendar.component(.year, from: state.now) ? "" : " \(c.year ?? 0)"
        return "\(c.day ?? 1) \(months[((c.month ?? 1) - 1) % 12])\(year) \(time)"
    }

    /// "Sat 28 Nov 09:30" in the store's time zone; the year too when it is not this year's.
    static func short(_ date: Date, state: AppState) -> String {
        let calendar = state.workspace.config.calendar
        let label = Screen.clockLabel(date, calendar: calendar)
        let year = calendar.component(.year, from: date)
        return year == calendar.component(.year, from: state.now) ? label : "\(label) \(year)"
    }

    /// The full time with its date and zone, for the detail view.
    static func when(_ date: Date, state: AppState) -> String {
        let calendar = state.workspace.config.calendar
        return "\(short(date, state: state)) (\(calendar.timeZone.identifier))"
    }
}
