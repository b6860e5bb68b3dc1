import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// The reply composer: writing, sending, keeping, restoring, collisions.
@Suite struct ComposerTests {
    @Test func writingAndSendingAReply() {
        var s = state()
        _ = s.update(.key(.char("r")))
        #expect(s.mode == .compose)
        type(&s, "Yes, until 8pm 📚")
        #expect(s.composer?.editor.text == "Yes, until 8pm 📚")
        #expect(s.composer?.unsavedSince == Fixture.now)
        _ = s.update(.key(.escape))
        #expect(s.composer?.menu == true)
        let effects = s.update(.key(.char("y")))
        let id = "d-aisha-11"
        #expect(effects == [.send([Request(.reply(draft: id, item: "i-1", text: "Yes, until 8pm 📚", startedAt: Fixture.now), by: "aisha")])])
    }

    @Test func anAcceptedReplyClosesTheComposerAndForgetsTheSavedCopy() {
        var s = state()
        _ = s.update(.key(.char("r")))
        type(&s, "Hello")
        let request = Request(.reply(draft: "d-x", item: "i-1", text: "Hello", startedAt: Fixture.now), by: "aisha")
        let draft = Draft(id: "d-x", author: "aisha", branch: "central", channels: [.x],
                          revisions: [Revision(number: 1, text: "Hello", author: "aisha", at: Fixture.now)],
                          state: .submitted, createdAt: Fixture.now, inReplyTo: "i-1")
        let effects = s.update(.commandsFinished([Answer(request, .success(Event(seq: 11, at: Fixture.now, actor: "aisha", change: .replyDrafted(draft: draft, direct: false))))]))
        #expect(effects == [.clearWork])
        #expect(s.composer == nil)
        #expect(s.message?.text == "Reply d-x is waiting for approval by comms")
    }

    @Test func aRefusedReplyKeepsEveryWord() {
        var s = state()
        _ = s.update(.key(.char("r")))
        type(&s, "Hello")
        let request = Request(.reply(draft: "d-x", item: "i-1", text: "Hello", startedAt: Fixture.now), by: "aisha")
        _ = s.update(.commandsFinished([Answer(request, .failure(Refusal("reply.collision", "Ben Okafor replied to this while you were writing (d-9); read theirs before sending yours")))]))
        #expect(s.composer?.editor.text == "Hello")
        #expect(s.mode == .compose)
        #expect(s.message?.kind == .refusal)
    }

    @Test func closingKeepsTheReplyAndROpensItAgain() {
        var s = state()
        _ = s.update(.key(.char("r")))
        type(&s, "Draft")
        _ = s.update(.key(.escape))
        let effects = s.update(.key(.char("q")))
        guard case .saveWork(let wip)? = effects.first else { Issue.record("closing must save"); return }
        #expect(wip.text == "Draft")
        #expect(wip.item == "i-1")
        #expect(s.mode == .normal)
        _ = s.update(.key(.char("j")))
        _ = s.update(.key(.char("r")))
        #expect(s.composer?.item == "i-1", "one unsent reply at a time: r goes back to it")
        #expect(s.composer?.editor.text == "Draft")
    }

    @Test func aSavedReplyComesBackAfterARestart() {
        var s = state()
        let wip = WorkInProgress(login: "aisha", item: "i-2", text: "Sorry about the printers", cursor: 24, startedAt: Fixture.now, savedAt: Fixture.now)
        _ = s.update(.restore(wip))
        #expect(s.mode == .compose)
        #expect(s.composer?.editor.text == "Sorry about the printers")
        #expect(s.selectedItem?.id == "i-2")
    }

    @Test func savedRepliesFillTheirPlaceholders() {
        var ws = Fixture.workspace()
        ws.config.savedReplies = [SavedReply(name: "thanks", text: "Thank you {author}! — {me}, {branch}")]
        var s = state(ws: ws)
        _ = s.update(.key(.char("r")))
        _ = s.update(.key(.escape))
        _ = s.update(.key(.char("t")))
        #expect(s.composer?.editor.text == "Thank you Sam Lee! — Aisha Rahman, Central Library")
    }

    @Test func savedRepliesAreSpacedAndASecondTReplacesTheFirst() {
        var ws = Fixture.workspace()
        ws.config.savedReplies = [SavedReply(name: "thanks", text: "Thank you!"), SavedReply(name: "hours", text: "We open at 9.")]
        var s = state(ws: ws)
        _ = press(&s, .char("r"))
        type(&s, "Hi Sam,")
        _ = press(&s, .escape, .char("t"))
        #expect(s.composer?.editor.text == "Hi Sam, Thank you!", "a saved reply is spaced from the word before it")
        #expect(s.composer?.menu == true, "the hint offers t again, so t must still be the menu's")
        #expect(s.message?.text.contains("t puts the next in its place") == true)
        _ = press(&s, .char("t"))
        #expect(s.composer?.editor.text == "Hi Sam, We open at 9.", "the second t replaces the first saved reply")
        _ = press(&s, .char("e"))
        type(&s, " Bye")
        #expect(s.composer?.editor.text == "Hi Sam, We open at 9. Bye")
    }

    @Test func theCounterCountsWhatIsSentSoItAgreesWithTheRefusal() {
        var s = state()
        _ = press(&s, .char("r"))
        // i-1 is on X (280): exactly at the limit, plus the trailing space sending drops.
        type(&s, String(repeating: "a", count: 280) + " ")
        let screen = Screen.render(s).text()
        #expect(screen.contains("X 280/280"), "the counter counted the trailing space")
        #expect(!screen.contains("over"))
        type(&s, "b")
        let sent = s.composer?.outgoing ?? ""
        #expect(Screen.render(s).text().contains("X \(PostLength.count(sent, for: .x))/280"))
    }

    @Test func composerScreenMarksOverflowWithWideCharacters() {
        var s = state()
        _ = s.update(.key(.char("r")))
        type(&s, String(repeating: "日本語のテキスト ", count: 30) + "😀")
        let frame = Screen.render(s)
        #expect(frame.text().contains("over"))
        for line in frame.lines() { #expect(TextWidth.of(line) <= 80) }
        assertScreen(frame, named: "composer-overflow")
    }
}
