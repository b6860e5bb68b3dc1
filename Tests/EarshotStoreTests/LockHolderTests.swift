import EarshotCore
@testable import EarshotStore
import Foundation
import TestSupport
import Testing

/// A writer kept waiting for the lock is told who holds it, and gets it once it is free.
@Suite struct LockHolderTests {
    final class Box: @unchecked Sendable {
        let store: Store
        var heard: [LockHolder?] = []
        init(_ store: Store) { self.store = store }
    }

    @Test func aWaitingWriterHearsWhoHoldsTheLockThenWrites() throws {
        let temp = try TemporaryStore()
        let holder = Box(try temp.open())
        holder.store.lockHolderLogin = "ben"
        let writer = Box(try temp.open())
        let busy = DispatchSemaphore(value: 0)
        writer.store.observeLockWaits {
            writer.heard.append($0)
            busy.signal()
        }
        // Unbusy, nobody is told anything.
        _ = try writer.store.apply(Request(.triage(item: "i-1", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
        #expect(writer.heard.isEmpty)

        let taken = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), written = DispatchSemaphore(value: 0)
        Thread {
            _ = try? holder.store.withWriteLock {
                taken.signal()
                release.wait()
            }
        }.start()
        taken.wait()
        Thread {
            _ = try? writer.store.apply(Request(.triage(item: "i-2", to: .handled), by: "aisha", basedOn: 1), at: Fixture.now)
            written.signal()
        }.start()
        // Told before it waits; blocked until the holder lets go, so its event is not in yet.
        busy.wait()
        #expect(try temp.journalLines().count == 1)
        release.signal()
        written.wait()
        #expect(try temp.journalLines().count == 2)
        #expect(writer.heard.count == 1)
        #expect(writer.heard.first??.login == "ben")
        #expect(writer.heard.first??.pid == getpid())
    }
}
