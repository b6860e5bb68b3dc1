import Foundation

/// One of `store.json`'s `arrivalRules`: when an arriving item matches `when` (the
/// inbox filter language), each action is applied and recorded by `rule:NAME`.
public struct ArrivalRule: Codable, Hashable, Sendable {
    public var name: String
    /// A filter such as `"opening hours" channel:facebook`; empty matches everything.
    public var when: String
    /// `tag:WORD`, `assign:BRANCH-OR-LOGIN`, `needs-reply`, `escalate` or `hide`.
    public var actions: [String]

    public init(name: String, when: String, actions: [String]) {
        self.name = name
        self.when = when
        self.actions = actions
    }

    /// The journal actor for this rule's actions.
    public var actor: String { "rule:\(name)" }
}

/// An action of an arrival rule, read from its text form.
public enum ArrivalAction: Hashable, Sendable {
    case tag(String)
    case assign(String)
    case triage(ItemStatus)

    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("tag:"), t.count > 4 {
            self = .tag(String(t.dropFirst(4)))
        } else if t.hasPrefix("assign:"), t.count > 7 {
            self = .assign(String(t.dropFirst(7)))
        } else {
            switch t {
            case "needs-reply": self = .triage(.needsReply)
            case "escalate": self = .triage(.escalated)
            case "hide": self = .triage(.hidden)
            default: return nil
            }
        }
    }
}

extension ArrivalRule {
    /// What is wrong with the rule as written, each named; empty when it can run.
    public func problems(in config: StoreConfig, staff: [StaffMember]) -> [String] {
        var list: [String] = []
        if name.isEmpty || name.contains(where: { $0.isWhitespace || $0.isNewline }) {
            list.append("rule '\(name)': a name is one word (it becomes the actor rule:NAME)")
        }
        if case .failure(let error) = Filter.parse(when) {
            list.append("rule '\(name)': condition: \(error.message)")
        }
        if actions.isEmpty { list.append("rule '\(name)': no actions") }
        for text in actions {
            switch ArrivalAction(text) {
            case nil:
                list.append("rule '\(name)': '\(text)' is not an action (tag:WORD, assign:WHO, needs-reply, escalate, hide)")
            case .assign(let who) where config.branch(who) == nil && !staff.contains(where: { $0.login == who }):
                list.append("rule '\(name)': no branch or colleague called '\(who)'")
            default:
                break
            }
        }
        return list
    }
}
