import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// Inbox triage as staff work it: prompts with completion, bulk, undo, search, filters, views.
@Suite struct TriageTests {
    @Test func assignCompletesAColleaguesLogin() {
        var s = state()
        _ = press(&s, .char("a"))
        type(&s, "be")
        _ = press(&s, .tab)
        guard case .prompt(let prompt) = s.mode else { Issue.record("expected a prompt"); return }
        #expect(prompt.text == "ben")
        #expect(press(&s, .enter) == [.send([Request(.assign(item: "i-1", to: "ben"), by: "aisha", basedOn: 1)])])
    }

    @Test func tabCyclesThroughEveryMatchAndShowsThem() {
        var s = state()
        _ = press(&s, .char("a"))
        guard case .prompt(let start) = s.mode else { Issue.record("expected a prompt"); return }
        let all = start.candidates
        #expect(all.count > 2)
        var seen: [String] = []
        for _ in all {
            _ = press(&s, .tab)
            guard case .prompt(let p) = s.mode else { Issue.record("the prompt closed"); return }
            seen.append(p.text)
            for candidate in all { #expect(s.message?.text.contains(candidate) == true, "\(candidate) is not shown") }
        }
        #expect(seen == all, "Tab must visit every match in turn")
        _ = press(&s, .tab)
        guard case .prompt(let again) = s.mode else { return }
        #expect(again.text == all[0], "and wrap round")
        // Typing ends the cycle: the next Tab completes what is typed now.
        _ = press(&s, .ctrl("u"))
        type(&s, "pr")
        _ = press(&s, .tab)
        guard case .prompt(let narrowed) = s.mode else { return }
        #expect(narrowed.text == "priya")
    }

    @Test func tagsAddAndRemoveWithCompletionFromTagsInUse() {
        var ws = Fixture.workspace()
        ws.items["i-3"]?.tags = ["events", "praise"]
        var s = state(ws: ws)
        _ = press(&s, .char("t"))
        type(&s, "+ev")
        _ = press(&s, .tab)
        type(&s, " -spam")
        #expect(press(&s, .enter) == [.send([Request(.tag(item: "i-1", add: ["events"], remove: ["spam"]), by: "aisha", basedOn: 1)])])
    }

    @Test func anInternalNoteIsSent() {
        var s = state()
        _ = press(&s, .char("m"))
        type(&s, "Called them back")
        #expect(press(&s, .enter) == [.send([Request(.note(item: "i-1", text: "Called them back"), by: "aisha")])])
    }

    @Test func bulkSelectionAppliesTriageToEveryItem() {
        var s = state()
        _ = press(&s, .char(" "), .char(" "))
        #expect(s.selection == ["i-1", "i-2"])
        let effects = press(&s, .char("d"))
        #expect(effects == [.send([
            Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1),
            Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1),
        ])])
        _ = press(&s, .char("*"))
        #expect(s.selection.count == 4)
        _ = press(&s, .escape)
        #expect(s.selection.isEmpty)
    }

    @Test func clearingTheSelectionSaysSoInsteadOfKeepingTheOldCount() {
        var s = state()
        _ = press(&s, .char("*"))
        #expect(s.message?.text.contains("selected") == true)
        _ = press(&s, .char("-"))
        #expect(s.selection.isEmpty)
        #expect(s.message?.text == "selection cleared")
    }

    @Test func aFilterMatchingNothingDoesNotSayEveryoneHasBeenHeard() {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, "channel:bluesky status:new")
        _ = press(&s, .enter)
        let text = Screen.render(s).text()
        #expect(!text.contains("Everyone has been heard"))
        #expect(text.contains("Nothing here matches"))
        #expect(text.contains("3 open in all"))
    }

    @Test func undoSendsCompensatingCommandsBasedOnOurOwnEvents() {
        var s = state()
        let triage = Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1)
        let assign = Request(.assign(item: "i-1", to: "ben"), by: "aisha", basedOn: 1)
        _ = s.update(.commandsFinished([Answer(triage, .success(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .triaged(item: "i-2", from: .needsReply, to: .handled))))]))
        _ = s.update(.commandsFinished([Answer(assign, .success(Event(seq: 12, at: Fixture.now, actor: "aisha", change: .assigned(item: "i-1", to: "ben"))))]))
        #expect(press(&s, .char("u")) == [.send([Request(.assign(item: "i-1", to: nil), by: "aisha", basedOn: 12)])])
        #expect(press(&s, .char("u")) == [.send([Request(.revert(item: "i-2", to: .needsReply, undoing: 11), by: "aisha", basedOn: 11)])])
        _ = press(&s, .char("u"))
        #expect(s.message?.text == "nothing to undo")
    }

    @Test func searchJumpsAsYouTypeAndNWraps() {
        var s = state()
        _ = press(&s, .char("/"))
        type(&s, "print")
        #expect(s.selectedItem?.id == "i-2")
        _ = press(&s, .enter)
        _ = press(&s, .char("n"))
        #expect(s.selectedItem?.id == "i-2", "the only match wraps to itself")
        _ = press(&s, .char("/"))
        type(&s, "elodie")
        _ = press(&s, .enter)
        #expect(s.selectedItem?.id == "i-3", "elodie finds Élodie, whatever the accent")
        _ = press(&s, .char("/"))
        type(&s, "zzz")
        _ = press(&s, .escape)
        #expect(s.selectedItem?.id == "i-3", "Esc goes back to where the search began")
    }

    @Test func aBadFilterPointsAtTheBadTermAndKeepsThePrompt() {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, "channel:x status:nwe")
        _ = press(&s, .enter)
        guard case .prompt(let prompt) = s.mode else { Issue.record("the prompt must stay open"); return }
        #expect(prompt.cursor == 10)
        #expect(s.message?.kind == .refusal)
        #expect(s.message?.text.contains("column 11") == true)
        #expect(s.message?.text.contains("status:nwe") == true)
    }

    @Test func aFilterNarrowsTheListAndZeroClearsIt() {
        var s = state()
        _ = press(&s, .char("F"))
        type(&s, "status:open -channel:x")
        _ = press(&s, .enter)
        #expect(s.inboxOrder == ["i-2", "i-4"])
        _ = press(&s, .char("0"))
        #expect(s.inboxOrder.count == 4)
    }

    @Test func savedViewsAreOneKeyAway() {
        var ws = Fixture.workspace()
        ws.config.savedViews = [SavedView(name: "Escalated", filter: "status:escalated")]
        var s = state(ws: ws)
        _ = press(&s, .char("3"))
        #expect(s.inboxOrder == ["i-4"])
        #expect(s.viewName == "Escalated")
        _ = press(&s, .char("4"))
        #expect(s.message?.text.contains("no saved view 2") == true)
    }

    @Test func thePaletteFindsActionsByNameAndRunsThem() {
        var s = state()
        _ = press(&s, .char(":"))
        type(&s, "spam")
        #expect(press(&s, .enter) == [.send([Request(.triage(item: "i-1", to: .hidden), by: "aisha", basedOn: 1)])])
    }

    @Test func aRebindingChangesKeysAndHelp() throws {
        let keymap = try KeymapFile.load(Data(#"{"inbox": {"markHandled": ["x"]}}"#.utf8))
        var s = state()
        s.keymap = keymap
        #expect(press(&s, .char("d")).isEmpty)
        #expect(press(&s, .char("x")).count == 1)
        _ = press(&s, .char("?"))
        #expect(Screen.render(s).text().contains("x             mark handled (done)"))
        #expect(throws: KeymapFile.Problem.self) { try KeymapFile.load(Data(#"{"inbox": {"fly": ["x"]}}"#.utf8)) }
    }

    @Test func orderingByTimeLeftCountsOpeningHours() {
        var ws = Fixture.workspace()
        ws.config.responseTargets = ["x": 60, "facebook": 600]
        var s = state(ws: ws)
        _ = press(&s, .char("o"))
        // i-1 (X, 1h ago, 60 min target) is due before i-2 (Facebook, 5h ago, 10 h target).
        #expect(Array(s.inboxOrder.prefix(2)) == ["i-1", "i-2"])
        #expect(s.due["i-1"] != nil)
        #expect(s.due["i-3"] == nil, "closed items have no due time")
    }

    @Test func anOverdueItemIsMarkedWithoutColour() {
        var ws = Fixture.workspace()
        ws.config.responseTargets = ["x": 30, "facebook": 6000]
        let s = state(ws: ws)
        let lines = Screen.render(s).lines()
        #expect(lines.contains { $0.contains("1h!") && $0.contains("Sam Lee") }, "X item past its 30-minute target")
        #expect(lines.contains { $0.contains("5h ") && $0.contains("Ruth Adeyemi") }, "Facebook item well within its target")
    }
}
