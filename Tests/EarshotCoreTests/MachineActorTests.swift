import EarshotCore
import Foundation
import TestSupport
import Testing

/// Arrivals and rules are recorded by machine actors, never staff, and may do only their part.
struct MachineActorTests {
    let ws = Workspace(config: Fixture.config(), staff: Fixture.staff, items: ["i-1": Fixture.item("i-1")])

    @Test func fetchImportAndReceiveMayOnlyReceive() {
        for actor in ["fetch:mastodon-main", "import:export.xml", "receive"] {
            let arrive = Request(.receive(Fixture.item("i-2")), by: actor)
            #expect((try? Rules.decide(arrive, in: ws, at: Fixture.now).get()) != nil)
            let triage = Request(.triage(item: "i-1", to: .handled), by: actor)
            #expect(Rules.decide(triage, in: ws, at: Fixture.now).failureRule == "identity.machine")
        }
    }

    @Test func rulesMayTagAssignAndTriageToNeedsReplyEscalatedOrHiddenOnly() {
        let rule = "rule:spam"
        for command in [Command.tag(item: "i-1", add: ["spam"], remove: []), .assign(item: "i-1", to: "central"),
                        .triage(item: "i-1", to: .hidden), .triage(item: "i-1", to: .escalated), .triage(item: "i-1", to: .needsReply)] {
            #expect((try? Rules.decide(Request(command, by: rule), in: ws, at: Fixture.now).get()) != nil)
        }
        for command in [Command.triage(item: "i-1", to: .handled), .receive(Fixture.item("i-3")), .note(item: "i-1", text: "x")] {
            #expect(Rules.decide(Request(command, by: rule), in: ws, at: Fixture.now).failureRule == "identity.machine")
        }
    }

    @Test func anUnknownHumanIsStillRefused() {
        let r = Request(.receive(Fixture.item("i-2")), by: "mallory")
        #expect(Rules.decide(r, in: ws, at: Fixture.now).failureRule == "identity.unknown")
    }
}

extension Result where Failure == Refusal {
    var failureRule: String? { if case .failure(let r) = self { r.rule } else { nil } }
}
