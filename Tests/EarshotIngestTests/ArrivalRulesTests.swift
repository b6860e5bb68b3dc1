import EarshotCore
import EarshotIngest
import Foundation
import TestSupport
import Testing

struct ArrivalRulesTests {
    let rules = [
        ArrivalRule(name: "spam", when: "\"crypto giveaway\"", actions: ["tag:spam", "hide"]),
        ArrivalRule(name: "quayside", when: "quayside", actions: ["assign:quayside", "tag:quayside"]),
        ArrivalRule(name: "complaints", when: "complaint -tag:spam", actions: ["escalate"]),
        ArrivalRule(name: "bad", when: "status:nonsense", actions: ["tag:x"]),
    ]

    @Test func rulesRunInOrderAndSeeWhatEarlierRulesDid() {
        let items = [
            Fixture.item("a", text: "Crypto giveaway! complaint quayside"),
            Fixture.item("b", text: "A complaint about Quayside toilets"),
            Fixture.item("c", text: "Lovely staff"),
            Fixture.item("d", text: "complaint", fromLibrary: true),
        ]
        let outcomes = ArrivalRuleRunner.run(rules, on: items, now: Fixture.now)
        #expect(outcomes.map { "\($0.item) \($0.rule) \($0.action)" } == [
            "a spam tag +spam", "a spam hide", "a quayside assign to quayside", "a quayside tag +quayside",
            "b quayside assign to quayside", "b quayside tag +quayside", "b complaints escalate",
        ])
        #expect(outcomes.allSatisfy { $0.request.actor == "rule:\($0.rule)" })
    }

    @Test func problemsAreNamed() {
        let config = Fixture.config()
        #expect(rules[3].problems(in: config, staff: Fixture.staff).count == 1)
        #expect(ArrivalRule(name: "two words", when: "", actions: ["assign:nowhere", "shout"])
            .problems(in: config, staff: Fixture.staff).count == 3)
        #expect(ArrivalRule(name: "ok", when: "channel:x", actions: ["assign:ben", "needs-reply"])
            .problems(in: config, staff: Fixture.staff).isEmpty)
    }
}
