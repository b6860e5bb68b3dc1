import EarshotCore
import EarshotStore
import Foundation
import Testing

/// The bundled demo store opens cleanly and has what a tryout needs.
@Suite struct DemoSeedTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seeds/demo")

    func open() throws -> (Store, URL) {
        let copy = try DemoCopy.make(from: Self.seed)
        return (try Store(at: copy), copy)
    }

    @Test func theDemoOpensWithoutWarnings() throws {
        let (store, copy) = try open()
        defer { try? FileManager.default.removeItem(at: copy) }
        #expect(store.warnings.isEmpty)
        #expect(store.workspace.config.demo != nil)
        #expect(try StoreCheck(root: copy).run(repair: false).ok)
    }

    @Test func itCoversEveryChannelStateAndRole() throws {
        let (store, copy) = try open()
        defer { try? FileManager.default.removeItem(at: copy) }
        let ws = store.workspace
        #expect(ws.config.branches.count >= 3)
        #expect(Set(ws.staff.map(\.role)) == Set(Role.allCases))
        #expect(ws.items.count >= 60)
        #expect(Set(ws.items.values.map(\.channel)) == Set(Channel.allCases))
        #expect(Set(ws.items.values.map(\.status)).isSuperset(of: [.new, .needsReply, .replied, .handled, .escalated, .hidden]))
        #expect(ws.drafts.count >= 8)
        #expect(Set(ws.drafts.values.map(\.state)) == Set(DraftState.allCases))
        let span = ws.items.values.map(\.receivedAt)
        #expect(span.max()!.timeIntervalSince(span.min()!) >= 20 * 86_400, "three weeks of history")
        #expect(ws.items.values.contains { $0.inReplyTo != nil && $0.fromLibrary }, "a thread with the library's replies")
        #expect(ws.items.values.contains { $0.text.unicodeScalars.contains("\u{1b}") }, "a hostile comment")
    }

    @Test func itsSettingsAreValid() throws {
        let (store, copy) = try open()
        defer { try? FileManager.default.removeItem(at: copy) }
        let config = store.workspace.config
        for branch in config.branches { #expect(branch.hours?.validate() == []) }
        #expect(SavedView.validate(config.savedViews ?? []) == [])
        #expect(config.savedReplies?.isEmpty == false)
        #expect(config.approvalsNeeded(for: [.x]) == 2)
        #expect(config.postPolicy?.bannedPhrases.isEmpty == false)
    }
}
