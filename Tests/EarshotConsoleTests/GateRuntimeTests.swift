import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal
import TestSupport
import Testing

/// Issue 12 failures 2 and 4, as a person meets them: keys in, store and screen out.
@MainActor @Suite struct GateRuntimeTests {
    func run(_ temp: TemporaryStore, as login: String, keys: [Key]) throws -> InMemoryBackend {
        let store = try temp.open()
        let size = Size(width: 100, height: 30)
        let backend = InMemoryBackend(size: size)
        backend.pendingKeys = keys + [.char("q")]
        let state = AppState(workspace: store.workspace, me: store.workspace.member(login)!, now: Fixture.now, size: size)
        ConsoleRuntime(state: state, backend: backend, store: store, clock: { Fixture.now }).run()
        return backend
    }

    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    @Test func approveForATimeInsideQuietHoursApprovesNothing() throws {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(quietHours: .init(from: "22:00", to: "07:00", severity: .blocking))
        let temp = try TemporaryStore(ws)
        // Fixture.now is Friday 27 Nov 15:30 in London; 23:30 that night is quiet.
        let backend = try run(temp, as: "priya", keys: [.char("2"), .char("A")] + Array(repeating: .backspace, count: 20) + typed("2026-11-27 23:30") + [.enter])
        let draft = try #require(try temp.open().workspace.drafts["d-1"])
        #expect(draft.state == .submitted)
        #expect(draft.approvals.isEmpty, "a refused time approves nothing")
        #expect(draft.scheduledFor == nil)
        #expect(backend.screenText().contains("quiet hours"))
    }

    @Test func approveForATimeOfOnesOwnDraftSetsNoTime() throws {
        let temp = try TemporaryStore()
        // d-1 is Aisha's: as its author she may set its time, but not approve it.
        _ = try run(temp, as: "aisha", keys: [.char("2"), .char("A")] + typed("2026-12-01 09:30") + [.enter])
        let draft = try #require(try temp.open().workspace.drafts["d-1"])
        #expect(draft.scheduledFor == nil, "a refused approval sets no time")
        #expect(draft.state == .submitted)
    }

    @Test func aStaffReplyToAnEscalatedComplaintWaitsForComms() throws {
        var ws = Fixture.workspace()
        ws.config.replyRoutes = ["bluesky": .direct]
        let temp = try TemporaryStore(ws)
        // i-4 (escalated, Bluesky) is the oldest row: G reaches it.
        _ = try run(temp, as: "aisha", keys: [.char("G"), .char("r")] + typed("So sorry, we are looking into it.") + [.escape, .char("y")])
        let after = try temp.open().workspace
        let reply = try #require(after.drafts.values.first { $0.inReplyTo == "i-4" })
        #expect(reply.state == .submitted)
        #expect(reply.direct == nil)
        #expect(after.items["i-4"]?.status == .escalated)
        #expect(try temp.journalLines().contains { $0.contains(#""direct":false"#) })
    }
}
