import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

@Suite struct StoreTests {
    @Test func anAppliedCommandIsDurableAndSeenOnReopen() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let result = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let event = try result.get()
        #expect(event.seq == 11)
        #expect(store.workspace.items["i-1"]?.status == .handled)

        let lines = try temp.journalLines()
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""triaged":{"from":"new","item":"i-1","to":"handled"}"#))
        #expect(lines[0].contains(#""at":"2026-11-27T15:30:00Z""#))

        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(reopened.workspace.seq == 11)
        #expect(reopened.warnings.isEmpty)
    }

    @Test func refusalsAreReturnedAndAudited() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        let result = try store.apply(Request(.approve(draft: "d-1", revision: 1), by: "ben"), at: Fixture.now)
        guard case .failure(let refusal) = result else {
            Issue.record("staff must not approve")
            return
        }
        #expect(refusal.message == "only comms officers can approve drafts")
        #expect(store.workspace.drafts["d-1"]?.state == .submitted)
        let lines = try temp.journalLines()
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""refused""#))
        #expect(lines[0].contains("role.review"))
    }

    @Test func aSecondSessionSeesChangesOnRefresh() throws {
        let temp = try TemporaryStore()
        let a = try temp.open()
        let b = try temp.open()
        _ = try a.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(b.workspace.items["i-2"]?.assignee == nil)
        let fresh = try b.refresh()
        #expect(fresh.count == 1)
        #expect(b.workspace.items["i-2"]?.assignee == "ben")
        #expect(try b.refresh().isEmpty)
    }

    @Test func newEventsAreHandedOverOnceOursAndOthers() throws {
        let temp = try TemporaryStore()
        let a = try temp.open()
        let b = try temp.open()
        _ = a.takeNewEvents()
        _ = try b.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        // Applying our own command also catches up with b's event under the lock.
        _ = try a.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(a.takeNewEvents()?.map(\.seq) == [11, 12])
        #expect(a.takeNewEvents()?.isEmpty == true)
    }

    @Test func twoOfficersApprovingOneDraftExactlyOneWins() throws {
        let temp = try TemporaryStore()
        let priya = try temp.open()
        let morgan = try temp.open()
        let first = try priya.apply(Request(.approve(draft: "d-1", revision: 1), by: "priya", basedOn: 1), at: Fixture.now)
        let second = try morgan.apply(Request(.approve(draft: "d-1", revision: 1), by: "morgan", basedOn: 1), at: Fixture.now)
        #expect((try? first.get()) != nil)
        guard case .failure(let refusal) = second else {
            Issue.record("the second approval must be refused")
            return
        }
        #expect(refusal.rule == "stale")
        #expect(refusal.message.hasPrefix("Priya Nair changed d-1"))
    }

    @Test func aTruncatedLastLineLosesNoCompleteEventAndSaysSo() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        _ = try store.apply(Request(.assign(item: "i-2", to: "ben"), by: "aisha", basedOn: 1), at: Fixture.now)
        // A writer killed mid-line.
        let handle = try FileHandle(forWritingTo: temp.journal)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"actor":"ben","at":"2026-11-27T15:3"#.utf8))
        try handle.close()

        let reopened = try temp.open()
        #expect(reopened.workspace.items["i-1"]?.status == .handled)
        #expect(reopened.workspace.items["i-2"]?.assignee == "ben")
        #expect(reopened.workspace.seq == 12)
        #expect(reopened.warnings.count == 1)
        #expect(reopened.warnings.first?.contains("journal.jsonl line 3 is incomplete") == true)

        // The next writer keeps the torn bytes aside and starts a clean line.
        _ = try reopened.apply(Request(.triage(item: "i-2", to: .hidden), by: "aisha", basedOn: 12), at: Fixture.now)
        let torn = try String(contentsOf: temp.root.appendingPathComponent("journal.torn"), encoding: .utf8)
        #expect(torn.contains(#"{"actor":"ben","at":"2026-11-27T15:3"#))
        let lines = try temp.journalLines()
        #expect(lines.count == 3)
        let again = try temp.open()
        #expect(again.warnings.isEmpty)
        #expect(again.workspace.items["i-2"]?.status == .hidden)
    }

    @Test func aMalformedJournalLineNamesFileAndLine() throws {
        let temp = try TemporaryStore()
        let store = try temp.open()
        _ = try store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        let handle = try FileHandle(forWritingTo: temp.journal)
        handle.seekToEndOfFile()
        handle.write(Data("this is not json\n".utf8))
        try handle.close()
        _ = try? temp.open()
        #expect(throws: StoreError.self) { try temp.open() }
        do {
            _ = try temp.open()
        } catch let error as StoreError {
            guard case .malformed(let file, let line, _) = error else {
                Issue.record("expected malformed, got \(error)")
                return
            }
            #expect(file == "journal.jsonl")
            #expect(line == 2)
            #expect(error.description.hasPrefix("journal.jsonl line 2: not a valid event"))
            #expect(error.description.contains("Nothing was changed"))
        }
    }

    @Test func aMalformedSnapshotNamesFileAndLine() throws {
        let temp = try TemporaryStore()
        let url = temp.root.appendingPathComponent("snapshot.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        // Break the JSON on its fourth line.
        var lines = text.components(separatedBy: "\n")
        lines[3] = lines[3] + " oops"
        text = lines.joined(separator: "\n")
        try text.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try temp.open()
            Issue.record("a broken snapshot must not open")
        } catch let error as StoreError {
            guard case .malformed(let file, let line, _) = error else {
                Issue.record("expected malformed, got \(error)")
                return
            }
            #expect(file == "snapshot.json")
            #expect(line == 4)
        }
    }

    @Test func aWrongFieldTypeNamesTheField() throws {
        let temp = try TemporaryStore()
        let url = temp.root.appendingPathComponent("staff.json")
        try #"{"version":1,"staff":[{"login":"x","name":"X","role":"boss"}]}"#.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try temp.open()
            Issue.record("an unknown role must not open")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("staff.json"))
            #expect(error.description.contains("staff[0].role"))
        }
    }

    @Test func settingsThatCannotWorkAreReportedOnOpening() throws {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(quietHours: .init(from: "10pm", to: "07:00", severity: .blocking))
        ws.config.approvalsNeeded = ["myspace": 2]
        let store = try TemporaryStore(ws).open()
        #expect(store.warnings == [
            "store.json: postPolicy.quietHours: '10pm' is not a time like 22:00",
            "store.json: approvalsNeeded: no channel 'myspace'",
        ])
    }

    @Test func aMissingStoreSaysWhatToDo() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-store-\(UUID().uuidString)")
        do {
            _ = try Store(at: path)
            Issue.record("a missing store must not open")
        } catch {
            #expect("\(error)".contains("earshot init"))
        }
    }

    @Test func aNewerFormatIsRefused() throws {
        let temp = try TemporaryStore()
        let url = temp.root.appendingPathComponent("store.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: #""version" : 2"#, with: #""version" : 9"#)
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.unsupportedVersion(file: "store.json", found: 9, supported: 2)) { try temp.open() }
    }

    @Test func initCreatesAnEmptyStoreAndRefusesToOverwrite() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let admin = StaffMember(login: "root", name: "Admin", role: .admin)
        try StoreSetup.create(at: root, organisation: "Test", admin: admin)
        let store = try Store(at: root)
        #expect(store.workspace.staff == [admin])
        #expect(store.workspace.items.isEmpty)
        #expect(throws: StoreError.self) { try StoreSetup.create(at: root, organisation: "Test", admin: admin) }
    }

    @Test func storeLocationPrefersFlagThenEnvironmentThenXDG() {
        #expect(StoreSetup.location(flag: "/a", environment: ["EARSHOT_STORE": "/b"]).url.path == "/a")
        #expect(StoreSetup.location(flag: nil, environment: ["EARSHOT_STORE": "/b"]).url.path == "/b")
        #expect(StoreSetup.location(flag: nil, environment: ["XDG_DATA_HOME": "/x"]).url.path == "/x/earshot")
        #expect(StoreSetup.location(flag: nil, environment: ["HOME": "/home/jo"]).url.path == "/home/jo/.local/share/earshot")
    }
}
