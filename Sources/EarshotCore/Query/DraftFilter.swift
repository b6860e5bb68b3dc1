import Foundation

/// The drafts pane's filter: `state:submitted,expired channel:x author:aisha
/// branch:central needs:second-approval scheduled:this-week mine`, any term
/// negated with `-`, bare words matched in the text. Same tokens as the inbox filter.
public struct DraftFilter: Hashable, Sendable {
    public struct Term: Hashable, Sendable {
        public var key: String?
        public var value: String
        public var negated: Bool
    }

    public static let keys = ["state", "channel", "author", "branch", "needs", "scheduled"]
    public var terms: [Term]
    public var text: String

    public static func parse(_ text: String) -> Result<DraftFilter, FilterError> {
        let chars = Array(text)
        var i = 0
        var terms: [Term] = []
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let token: FilterParser.Token
            switch FilterParser.token(chars, at: &i) {
            case .failure(let error): return .failure(error)
            case .success(let t): token = t
            }
            func fail(_ message: String) -> Result<DraftFilter, FilterError> {
                .failure(FilterError(message: message, term: token.raw, column: token.column))
            }
            let value = token.value.lowercased()
            switch token.key?.lowercased() {
            case nil:
                if value == "mine" && !token.quoted {
                    terms.append(Term(key: "mine", value: "", negated: token.negated))
                    continue
                }
            case "state":
                let bad = value.split(separator: ",").first { DraftState(rawValue: String($0)) == nil }
                if let bad { return fail("no state '\(bad)'; try \(DraftState.allCases.map(\.rawValue).joined(separator: ", "))") }
            case "channel":
                let bad = value.split(separator: ",").first { FilterParser.channel(String($0)) == nil }
                if let bad { return fail("no channel '\(bad)'") }
            case "needs":
                guard value == "second-approval" else { return fail("needs: takes second-approval") }
            case "scheduled":
                guard ["today", "this-week", "none", "any"].contains(value) else { return fail("scheduled: takes today, this-week, none or any") }
            case "author", "branch":
                break
            case let other?:
                return fail("no key '\(other)'; try \(keys.joined(separator: ": ")): or mine")
            }
            terms.append(Term(key: token.key?.lowercased(), value: value, negated: token.negated))
        }
        return .success(DraftFilter(terms: terms, text: text))
    }

    /// Every term must hold (a negated one must not).
    public func matches(_ draft: Draft, in ws: Workspace, me: String, now: Date) -> Bool {
        terms.allSatisfy { term in holds(term, draft, ws, me: me, now: now) != term.negated }
    }

    private func holds(_ term: Term, _ draft: Draft, _ ws: Workspace, me: String, now: Date) -> Bool {
        let list = term.value.split(separator: ",").map(String.init)
        switch term.key {
        case "state": return list.contains(draft.state.rawValue)
        case "channel": return list.compactMap(FilterParser.channel).contains { draft.channels.contains($0) }
        case "author": return list.contains(draft.author.lowercased())
        case "branch": return list.contains((draft.branch ?? "").lowercased())
        case "mine": return draft.author == me
        case "needs":
            // Approved once by a colleague, waiting for the second officer a channel asks for.
            return draft.state == .submitted && !draft.approvals.isEmpty
                && draft.approvals.count < ws.config.approvalsNeeded(for: draft.channels)
        case "scheduled":
            guard let at = draft.scheduledFor else { return term.value == "none" }
            let calendar = ws.config.calendar
            switch term.value {
            case "today": return calendar.isDate(at, inSameDayAs: now)
            case "this-week": return calendar.isDate(at, equalTo: now, toGranularity: .weekOfYear)
            case "any": return true
            default: return false
            }
        default:
            return draft.text.localizedCaseInsensitiveContains(term.value)
        }
    }
}
