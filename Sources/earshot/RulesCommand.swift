import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// `earshot rules test`: what the arrival rules in store.json would do to the items already in the store.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check store.json's arrival rules.",
        subcommands: [TestRules.self]
    )

    struct TestRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show what each arrival rule would have done to the items in the store, as if each had just arrived."
        )
        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?

        func run() throws {
            let opened = try openBackend(store)
            let ws = opened.workspace
            let rules = ws.config.arrivalRules ?? []
            if rules.isEmpty { say("store.json has no arrivalRules"); return }
            var bad = false
            for rule in rules {
                for problem in rule.problems(in: ws.config, staff: ws.staff) { say("problem: \(problem)"); bad = true }
            }
            // Each item as it arrived: new, untagged, unassigned.
            let fresh = ws.items.values.sorted { $0.receivedAt < $1.receivedAt }.map { item -> InboxItem in
                var i = item
                i.status = .new
                i.tags = []
                i.assignee = nil
                return i
            }
            let outcomes = ArrivalRuleRunner.run(rules, on: fresh, now: Date())
            for rule in rules {
                let mine = outcomes.filter { $0.rule == rule.name }
                let items = Set(mine.map(\.item))
                say("rule \(rule.name) (\(rule.when)): \(items.count) item(s)")
                for o in mine.prefix(50) {
                    let text = ws.items[o.item].map { String($0.text.prefix(60)).replacingOccurrences(of: "\n", with: " ") } ?? ""
                    say("  \(o.item)  \(o.action)  \(text)")
                }
                if mine.count > 50 { say("  … and \(mine.count - 50) more") }
            }
            if bad { throw ExitCode(1) }
        }
    }
}
