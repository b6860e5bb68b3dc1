import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// The whole loop on the in-memory terminal and a real store on disk.
@MainActor @Suite struct RuntimeTests {
    func runtime(_ temp: TemporaryStore, as login: String, keys: [Key], size: Size = Size(width: 80, height: 24)) throws -> (ConsoleRuntime, InMemoryBackend, Store) {
        let store = try temp.open()
        let backend = InMemoryBackend(size: size)
        backend.pendingKeys = keys + [.char("q")]
        let state = AppState(workspace: store.workspace, me: store.workspace.member(login)!, now: Fixture.now, size: size)
        let runtime = ConsoleRuntime(state: state, backend: backend, store: store, clock: { Fixture.now })
        return (runtime, backend, store)
    }

    /// Runs the loop to the end of its script: `q` must have ended it, not the script
    /// running out (which the in-memory terminal treats as the terminal going away).
    func runToQuit(_ runtime: ConsoleRuntime, _ backend: InMemoryBackend, sourceLocation: SourceLocation = #_sourceLocation) {
        runtime.run()
        #expect(!backend.ranOutOfKeys, "q did not quit: the loop read past the end of its keys", sourceLocation: sourceLocation)
    }

    @Test func whenQStopsQuittingTheTestFailsInsteadOfHanging() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [])
        // A keymap in which q means nothing: the loop must end when the script does.
        runtime.state.keymap.bindings.removeAll { $0.action == .quit }
        runtime.run()
        #expect(backend.ranOutOfKeys)
        #expect(!backend.isConnected)
    }

    @Test func ctrlCQuitsAndKeepsTheUnsentReply() throws {
        let temp = try TemporaryStore()
        let keys: [Key] = [.char("r")] + "half a thought".map { Key.char($0) } + [.ctrl("c")]
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: keys)
        runToQuit(runtime, backend)
        #expect(backend.pendingKeys == [.char("q")], "C-c, not the script's q, ended the loop")
        #expect(try temp.open().workInProgress(for: "aisha")?.text == "half a thought")
    }

    @Test func suspendIsOnlyWhereTheKeymapPutsIt() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [.ctrl("z")])
        runToQuit(runtime, backend)
        #expect(backend.suspendCount == 0)
        let rebound = try KeymapFile.load(Data(#"{"global": {"suspend": ["C-z"]}}"#.utf8))
        let backend2 = InMemoryBackend(size: Size(width: 80, height: 24))
        backend2.pendingKeys = [.ctrl("z"), .char("q")]
        let store = try temp.open()
        let state = AppState(workspace: store.workspace, me: store.workspace.member("aisha")!, now: Fixture.now,
                             size: backend2.size, keymap: rebound)
        let runtime2 = ConsoleRuntime(state: state, backend: backend2, store: store, clock: { Fixture.now })
        runToQuit(runtime2, backend2)
        #expect(backend2.suspendCount == 1)
    }

    @Test func undoingHideAsSpamListsTheItemAgainHereAndInAnotherSession() throws {
        let temp = try TemporaryStore()
        let (other, otherBackend, _) = try self.runtime(temp, as: "ben", keys: [])
        let (runtime, backend, _) = try self.runtime(temp, as: "aisha", keys: [.char("s"), .char("u")])
        other.draw()
        runToQuit(runtime, backend)
        #expect(runtime.state.workspace.items["i-1"]?.status == .new)
        #expect(runtime.state.inboxOrder.contains("i-1"), "open again but not listed")
        other.poll()
        other.draw()
        #expect(other.state.inboxOrder.contains("i-1"), "the other session does not list it either")
        #expect(otherBackend.screenText().contains("Is the Central library open"))
    }

    @Test func undoSeesYourOwnLaterNoteOnTheItem() throws {
        let temp = try TemporaryStore()
        // d marks i-1 handled (and moves down), k goes back, m adds a note, u undoes the d.
        let keys: [Key] = [.char("d"), .char("k"), .char("m")] + "called back".map { Key.char($0) } + [.enter, .char("u")]
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: keys)
        runToQuit(runtime, backend)
        let item = try temp.open().workspace.items["i-1"]
        #expect(item?.status == .new, "the undo was refused: \(runtime.state.message?.text ?? "")")
        #expect(item?.notes.last?.text == "called back")
        #expect(runtime.state.message?.text.contains("since you loaded it") == false)
    }

    @Test func aBulkUndoSaysItWasUndoneAndARefusalNamesThePerson() throws {
        let temp = try TemporaryStore()
        // Select all, mark handled, undo: the undo is reported as an undo.
        let (runtime, backend, _) = try self.runtime(temp, as: "aisha", keys: [.char("*"), .char("d"), .char("u")])
        runToQuit(runtime, backend)
        let text = runtime.state.message?.text ?? ""
        #expect(!text.contains("Done for all"), "an undo repeated the triage's message: \(text)")
        #expect(text.contains("Undone for all"))
        // Ben changes i-1 under Aisha's feet: the refusal names the comment, not its id.
        let (second, backend2, store) = try self.runtime(temp, as: "aisha", keys: [])
        let stale = second.state.workspace.items["i-1"]!.version
        _ = try store.apply(Request(.assign(item: "i-1", to: "ben"), by: "ben", basedOn: stale), at: Fixture.now)
        second.send(.key(.char("d")))
        let refusal = second.state.message?.text ?? ""
        #expect(refusal.contains("Sam Lee on X"), "refusal was: \(refusal)")
        #expect(!refusal.contains("i-1"))
        _ = backend2
    }

    @Test func triageFromTheKeyboardReachesTheJournalAndTheScreen() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [.char("d")])
        runToQuit(runtime, backend)
        #expect(try temp.journalLines().count == 1)
        #expect(try temp.open().workspace.items["i-1"]?.status == .handled)
        #expect(backend.screenText().contains("Marked handled: Sam Lee on X"))
    }

    @Test func staffApprovingIsRefusedOnScreenAndInTheAudit() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [.char("2"), .char("a")])
        runToQuit(runtime, backend)
        #expect(backend.screenText().contains("only comms officers can approve drafts"))
        let lines = try temp.journalLines()
        #expect(lines.count == 1)
        #expect(lines[0].contains("refused"))
        #expect(try temp.open().workspace.drafts["d-1"]?.state == .submitted)
    }

    @Test func commsRequestsChangesWithATypedComment() throws {
        let temp = try TemporaryStore()
        let keys: [Key] = [.tab, .char("c")] + "Say which Saturday".map { Key.char($0) } + [.enter]
        let (runtime, backend, _) = try runtime(temp, as: "priya", keys: keys)
        runToQuit(runtime, backend)
        let draft = try temp.open().workspace.drafts["d-1"]
        #expect(draft?.state == .changesRequested)
        #expect(draft?.notes.last?.text == "Say which Saturday")
        #expect(backend.screenText().contains("Sent d-1 revision 1 back to Aisha Rahman for changes"))
    }

    @Test func anotherSessionsChangeAppearsOnPoll() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [])
        runtime.draw()
        #expect(backend.screenText().contains("needs-reply"))
        let other = try temp.open()
        _ = try other.apply(Request(.triage(item: "i-2", to: .handled), by: "ben", basedOn: 1), at: Fixture.now)
        runtime.poll()
        runtime.draw()
        #expect(!backend.screenText().contains("needs-reply"))
        #expect(runtime.state.workspace.items["i-2"]?.status == .handled)
    }

    @Test func aKeyPressRepaintsOnlyWhatChanged() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [])
        runtime.draw()
        let full = backend.paintedCells
        runtime.send(.key(.char("j")))
        runtime.draw()
        #expect(backend.paintedCells > 0)
        #expect(backend.paintedCells < full / 4, "moving the cursor must not repaint the screen")
    }

    @Test func resizeRedrawsAtOnce() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [])
        runtime.draw()
        backend.size = Size(width: 60, height: 20)
        runtime.draw()
        #expect(backend.screenText().contains("Terminal too small"))
        backend.size = Size(width: 100, height: 30)
        runtime.draw()
        #expect(backend.screenText().contains("1 Inbox"))
        #expect(backend.lastFrame?.size == Size(width: 100, height: 30))
    }
}
