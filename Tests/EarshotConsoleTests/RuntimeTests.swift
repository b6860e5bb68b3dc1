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

    @Test func triageFromTheKeyboardReachesTheJournalAndTheScreen() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [.char("d")])
        runtime.run()
        #expect(try temp.journalLines().count == 1)
        #expect(try temp.open().workspace.items["i-1"]?.status == .handled)
        #expect(backend.screenText().contains("Marked handled: Sam Lee on X"))
    }

    @Test func staffApprovingIsRefusedOnScreenAndInTheAudit() throws {
        let temp = try TemporaryStore()
        let (runtime, backend, _) = try runtime(temp, as: "aisha", keys: [.char("2"), .char("a")])
        runtime.run()
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
        runtime.run()
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
