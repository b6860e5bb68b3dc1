import EarshotCore
import Foundation

/// Runs `store.json`'s arrival rules on new items, in order. Each rule sees what the
/// rules before it did (a tag added by one can trigger the next). Actions that would
/// change nothing are left out, so the journal records only real changes. Pure.
public enum ArrivalRuleRunner {
    public struct Outcome: Hashable, Sendable {
        public var rule: String
        public var item: String
        public var action: String
        public var request: Request
    }

    public static func run(_ rules: [ArrivalRule], on items: [InboxItem], now: Date) -> [Outcome] {
        let parsed: [(ArrivalRule, Filter, [ArrivalAction])] = rules.compactMap { rule in
            guard case .success(let filter) = Filter.parse(rule.when) else { return nil }
            let actions = rule.actions.compactMap(ArrivalAction.init)
            return actions.isEmpty ? nil : (rule, filter, actions)
        }
        var outcomes: [Outcome] = []
        for original in items where !original.fromLibrary {
            var item = original
            for (rule, filter, actions) in parsed {
                let me = StaffMember(login: rule.actor, name: rule.name, role: .staff)
                guard filter.matches(item, in: FilterContext(me: me, now: now)) else { continue }
                for action in actions {
                    let command: Command
                    switch action {
                    case .tag(let raw):
                        let tag = raw.trimmingCharacters(in: .whitespaces).lowercased()
                        guard !item.tags.contains(tag) else { continue }
                        item.tags.append(tag)
                        command = .tag(item: item.id, add: [tag], remove: [])
                    case .assign(let who):
                        guard item.assignee != who else { continue }
                        item.assignee = who
                        command = .assign(item: item.id, to: who)
                    case .triage(let status):
                        // An item already hidden or escalated by an earlier rule stays so.
                        guard item.status != status, item.status == .new || (item.status == .needsReply && status != .needsReply) else { continue }
                        item.status = status
                        command = .triage(item: item.id, to: status)
                    }
                    outcomes.append(Outcome(rule: rule.name, item: item.id, action: describe(action),
                                            request: Request(command, by: rule.actor)))
                }
            }
        }
        return outcomes
    }

    public static func describe(_ action: ArrivalAction) -> String {
        switch action {
        case .tag(let t): "tag +\(t)"
        case .assign(let who): "assign to \(who)"
        case .triage(.hidden): "hide"
        case .triage(.escalated): "escalate"
        case .triage(let s): "mark \(s.rawValue)"
        }
    }
}
