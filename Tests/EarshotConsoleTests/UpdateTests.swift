import EarshotConsole
import EarshotCore
import Foundation
import Terminal
import TestSupport
import Testing

/// The update function alone: keys in, state and effects out. No terminal, no disk.
@Suite struct UpdateTests {
    @Test func inboxIsNewestFirstWithoutHiddenOrLibraryPosts() {
        let s = state()
        #expect(s.inboxOrder == ["i-1", "i-2", "i-3", "i-4"])
        #expect(s.selectedItem?.id == "i-1")
    }

    @Test func draftsWaitingLongestComeFirst() {
        let s = state()
        #expect(s.draftOrder == ["d-1", "d-3", "d-2"])
    }

    @Test func movingWithJKArrowsAndGG() {
        var s = state()
        _ = press(&s, .char("j"), .down)
        #expect(s.selectedItem?.id == "i-3")
        _ = press(&s, .char("k"))
        #expect(s.selectedItem?.id == "i-2")
        _ = press(&s, .char("G"))
        #expect(s.selectedItem?.id == "i-4")
        _ = press(&s, .char("j"))
        #expect(s.selectedItem?.id == "i-4", "the cursor stops at the last row")
        _ = press(&s, .char("g"))
        #expect(s.selectedItem?.id == "i-1")
        _ = press(&s, .up)
        #expect(s.selectedItem?.id == "i-1", "the cursor stops at the first row")
    }

    @Test func focusMovesWithTabShiftTabAndNumbers() {
        var s = state()
        _ = press(&s, .tab)
        #expect(s.focus == .drafts)
        _ = press(&s, .backTab)
        #expect(s.focus == .inbox)
        _ = press(&s, .char("2"))
        #expect(s.focus == .drafts)
        _ = press(&s, .char("j"))
        #expect(s.selectedDraft?.id == "d-3")
        #expect(s.selectedItem?.id == "i-1", "moving in one pane leaves the other alone")
        _ = press(&s, .char("1"))
        #expect(s.focus == .inbox)
    }

    @Test func triageKeysSendCommandsBasedOnTheVersionSeen() {
        var s = state()
        #expect(press(&s, .char("d")) == [.send([Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1)])])
        #expect(press(&s, .char("f")) == [.send([Request(.triage(item: "i-1", to: .needsReply), by: "aisha", basedOn: 1)])])
        #expect(press(&s, .char("e")) == [.send([Request(.triage(item: "i-1", to: .escalated), by: "aisha", basedOn: 1)])])
        #expect(press(&s, .char("s")) == [.send([Request(.triage(item: "i-1", to: .hidden), by: "aisha", basedOn: 1)])])
    }

    @Test func inboxTriageKeysSendNothingFromTheDraftsPane() {
        var s = state()
        _ = press(&s, .char("2"))
        // "d" has no meaning in the drafts pane: nothing is sent. "s" there submits the
        // selected draft (issue 10), never hides the inbox item.
        #expect(press(&s, .char("d")).isEmpty)
        #expect(press(&s, .char("s")) == [.send([Request(.submit(draft: "d-1"), by: "aisha", basedOn: 1)])])
        #expect(s.focus == .drafts)
    }

    /// The store's refusal and its audit line are checked end to end in RuntimeTests.
    @Test func approvalKeysAreSentEvenForStaffForTheStoreToJudge() {
        var s = state(as: "aisha")
        _ = press(&s, .char("2"))
        #expect(press(&s, .char("a")) == [.send([Request(.approve(draft: "d-1", revision: 1), by: "aisha", basedOn: 1)])])
        // Staff asking for changes get the refusal at once, not a prompt to type into.
        #expect(press(&s, .char("c")) == [.send([Request(.requestChanges(draft: "d-1", revision: 1, comment: ""), by: "aisha", basedOn: 1)])])
        // The comment typed in a hurry goes nowhere: no reorder, no reject.
        guard case .prompt(let p) = s.mode, p.purpose == .refused else { Issue.record("no refusal shown: \(s.mode)"); return }
        #expect(press(&s, .char("x"), .char("o")).isEmpty)
        #expect(!s.draftsBySchedule)
        _ = press(&s, .enter)
        #expect(s.mode == .normal)
    }

    @Test func requestChangesPromptsForACommentThenSendsIt() {
        var s = state(as: "priya")
        _ = press(&s, .char("2"), .char("c"))
        guard case .prompt(let prompt) = s.mode else {
            Issue.record("expected a prompt")
            return
        }
        #expect(prompt.label.contains("d-1"))
        _ = press(&s, .char("A"), .char("d"), .char("d"), .char(" "), .char("t"), .char("i"), .char("m"), .char("e"), .backspace, .char("e"))
        let effects = press(&s, .enter)
        #expect(effects == [.send([Request(.requestChanges(draft: "d-1", revision: 1, comment: "Add time"), by: "priya", basedOn: 1)])])
        #expect(s.mode == .normal)
    }

    @Test func promptEditingMovesByCharacterIncludingWideOnes() {
        var s = state(as: "priya")
        _ = press(&s, .char("2"), .char("x"), .char("日"), .char("本"), .left, .char("é"), .home, .char(">"), .end, .char("!"))
        guard case .prompt(let prompt) = s.mode else {
            Issue.record("expected a prompt")
            return
        }
        #expect(prompt.text == ">日é本!")
        #expect(prompt.cursor == 5)
        _ = press(&s, .left, .left, .ctrl("u"))
        guard case .prompt(let p) = s.mode else {
            Issue.record("C-u closed the prompt")
            return
        }
        #expect(p.text == "本!")
        #expect(p.cursor == 0)
    }

    @Test func anEmptyPromptIsNotSentAndEscCancels() {
        var s = state(as: "priya")
        _ = press(&s, .char("2"), .char("x"))
        #expect(press(&s, .char(" "), .enter).isEmpty)
        #expect(s.message?.text.contains("type a few words") == true)
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
        #expect(s.message?.text == "cancelled; nothing was sent")
    }

    @Test func helpOpensAndCloses() {
        var s = state()
        _ = press(&s, .char("?"))
        #expect(s.mode == .help(scroll: 0))
        _ = press(&s, .char("d"))
        #expect(s.mode == .help(scroll: 0), "keys other than scroll and close do nothing under help")
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
    }

    @Test func enterOpensTheWholeTextAndEscGoesBack() {
        var s = state()
        _ = press(&s, .enter)
        #expect(s.mode == .detail(scroll: 0))
        _ = press(&s, .char("j"))
        #expect(s.mode == .detail(scroll: 1))
        #expect(s.selectedItem?.id == "i-1", "j scrolls the text, not the list, while it is open")
        _ = press(&s, .escape)
        #expect(s.mode == .normal)
    }

    @Test func escThenAKeyArrivingAsAltIsEscThenTheKey() {
        var s = state()
        _ = press(&s, .char("?"))
        #expect(press(&s, .alt("q")) == [.quit], "Esc closes help, then q quits")
    }

    @Test func qQuits() {
        var s = state()
        #expect(press(&s, .char("q")) == [.quit])
    }

    @Test func aTooSmallTerminalOnlyListensForQuit() {
        var s = state()
        _ = s.update(.resize(Size(width: 70, height: 20)))
        #expect(press(&s, .char("d")).isEmpty)
        #expect(press(&s, .char("q")) == [.quit])
        _ = s.update(.resize(Size(width: 80, height: 24)))
        #expect(press(&s, .char("d")).count == 1)
    }

    @Test func selectionFollowsTheItemWhenOthersChangeTheStore() {
        var s = state()
        _ = press(&s, .char("j"))
        #expect(s.selectedItem?.id == "i-2")
        var ws = s.workspace
        let event = Event(seq: 11, at: Fixture.now, actor: "ben", change: .received(item: Fixture.item("i-9", ago: 0)))
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
        #expect(s.inboxOrder.first == "i-9")
        #expect(s.selectedItem?.id == "i-2")
    }

    @Test func hidingRemovesTheRowAndTheSelectionStaysInPlace() {
        var s = state()
        _ = s.update(.key(.char("j")))
        var ws = s.workspace
        let event = Event(seq: 11, at: Fixture.now, actor: "aisha", change: .triaged(item: "i-2", from: .needsReply, to: .hidden))
        ws.apply(event)
        _ = s.update(.storeChanged(ws, events: [event]))
        #expect(s.inboxOrder == ["i-1", "i-3", "i-4"])
        #expect(s.selectedItem?.id == "i-3")
    }

    @Test func theInboxIsReorderedWhenTooManyEventsToList() {
        var s = state()
        var ws = s.workspace
        ws.items["i-4"]?.receivedAt = Fixture.now
        _ = s.update(.storeChanged(ws, events: nil))
        #expect(s.inboxOrder.first == "i-4")
    }

    @Test func successAdvancesAndRefusalIsShown() {
        var s = state()
        let request = Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1)
        var ws = s.workspace
        let event = Event(seq: 11, at: Fixture.now, actor: "aisha", change: .triaged(item: "i-1", from: .new, to: .handled))
        ws.apply(event)
        _ = s.update(.commandsFinished([Answer(request, .success(event))]))
        _ = s.update(.storeChanged(ws, events: [event]))
        #expect(s.message == StatusMessage("Marked handled: Sam Lee on X", .success))
        #expect(s.selectedItem?.id == "i-2")

        _ = s.update(.commandsFinished([Answer(request, .failure(Refusal("role.review", "only comms officers can approve drafts")))]))
        #expect(s.message == StatusMessage("only comms officers can approve drafts", .refusal))
    }
}
