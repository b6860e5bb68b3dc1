import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Demo is a mode of the copy `earshot --demo` makes (issue 12, requirement 4).
@Suite struct DemoCopyTests {
    /// A seed like seeds/demo: a store whose store.json has a demo block.
    func seed() throws -> TemporaryStore {
        try TemporaryStore(Fixture.workspace(demo: true))
    }

    func parent() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-demos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aCopyMadeForTheDemoIsPrivateAndRecognised() throws {
        let seed = try seed()
        let dir = try parent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = try DemoCopy.make(from: seed.root, in: dir, now: Fixture.now)
        var st = stat()
        stat(copy.path, &st)
        #expect(st.st_mode & 0o777 == 0o700)
        let marker = try #require(DemoCopy.recognise(copy))
        #expect(marker.defaultLogin == "aisha")
        #expect(DemoCopy.recognise(seed.root) == nil, "the seed itself, demo block and all, is no demo")
    }

    @Test func demoTimeRunsFromTheAnchorSinceTheCopyWasMadeForEverySession() throws {
        let seed = try seed()
        let dir = try parent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let madeAt = Date(timeIntervalSince1970: 2_000_000_000)
        let copy = try DemoCopy.make(from: seed.root, in: dir, now: madeAt)
        let first = try #require(DemoCopy.recognise(copy))
        let second = try #require(DemoCopy.recognise(copy))
        let later = madeAt.addingTimeInterval(3_600)
        #expect(first.time(at: later) == Fixture.now.addingTimeInterval(3_600))
        #expect(second.time(at: later) == first.time(at: later))
    }

    @Test func aMarkerCopiedIntoAnotherPrivateStoreIsNotHonoured() throws {
        let seed = try seed()
        let dir = try parent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = try DemoCopy.make(from: seed.root, in: dir)
        let real = try TemporaryStore()
        chmod(real.root.path, 0o700)
        let marker = real.root.appendingPathComponent(DemoCopy.markerName)
        try FileManager.default.copyItem(at: copy.appendingPathComponent(DemoCopy.markerName), to: marker)
        chmod(marker.path, 0o600)
        #expect(DemoCopy.recognise(real.root) == nil)
    }

    @Test func aDemoCopyOpenedUpToOthersIsNoLongerADemo() throws {
        let seed = try seed()
        let dir = try parent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = try DemoCopy.make(from: seed.root, in: dir)
        chmod(copy.path, 0o2770)
        #expect(DemoCopy.recognise(copy) == nil)
    }

    @Test func initNeverWritesADemoBlock() throws {
        let dir = try parent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("store")
        try StoreSetup.create(at: root, organisation: "Org", admin: StaffMember(login: "elena", name: "Elena", role: .admin))
        #expect(try Store(at: root).workspace.config.demo == nil)
        #expect(DemoCopy.recognise(root) == nil)
    }
}
