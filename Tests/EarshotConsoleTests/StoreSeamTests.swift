import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// Issue 13, goal 6: the console reaches its store through one seam, so the same
/// loop runs on the file store, in memory, and on a store that fails.
@MainActor @Suite struct StoreSeamTests {
    func run(_ store: any StoreSession, as login: String, keys: [Key]) -> (ConsoleRuntime, InMemoryBackend) {
        let backend = InMemoryBackend(size: Size(width: 80, height: 24))
        backend.pendingKeys = keys + [.char("q")]
        let state = AppState(workspace: store.workspace, me: store.workspace.member(login)!, now: Fixture.now, size: backend.size)
        let runtime = ConsoleRuntime(state: state, backend: backend, store: store, clock: { Fixture.now })
        runtime.run()
        return (runtime, backend)
    }

    @Test func theConsoleRunsOnAStoreInMemoryAndASecondSessionSeesTheChange() throws {
        let shared = InMemoryStore.Shared(Fixture.workspace())
        let (runtime, backend) = run(InMemoryStore(shared), as: "aisha", keys: [.char("d")])
        #expect(runtime.state.workspace.items["i-1"]?.status == .handled)
        #expect(backend.screenText().contains("Marked handled: Sam Lee on X"))
        #expect(shared.history.map(\.seq) == [11])
        let other = InMemoryStore(shared)
        #expect(other.workspace.items["i-1"]?.status == .handled)
    }

    @Test func aStoreThatCannotWriteIsReportedAndNothingChanges() {
        let store = FailingStore(Fixture.workspace())
        let (runtime, backend) = run(store, as: "aisha", keys: [.char("d")])
        #expect(runtime.state.workspace.items["i-1"]?.status == .new)
        #expect(backend.screenText().contains("Not saved"))
    }

    @Test func batchesMeanTheSameInMemoryAsOnDisk() throws {
        let requests = [
            Request(.createDraft(id: "d-9", channels: [.facebook], text: "Half term crafts", inReplyTo: nil), by: "aisha"),
            Request(.submit(draft: "d-9"), by: "ben"),
        ]
        let memory = InMemoryStore(Fixture.workspace())
        let temp = try TemporaryStore()
        let disk = try temp.open()
        let a = try memory.applyBatch(requests, at: Fixture.now, mode: .allOrNothing)
        let b = try disk.applyBatch(requests, at: Fixture.now, mode: .allOrNothing)
        #expect(a == b)
        #expect(memory.workspace.drafts["d-9"] == nil && disk.workspace.drafts["d-9"] == nil)
        #expect(memory.shared.history.map(\.change) == [.refused(command: "submit d-9", rule: "draft.submit", reason: "only the author submits a draft")])
    }
}
