import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// The store's watch (inotify): what wakes a session, and what does not.
@Suite struct StoreWatchTests {
    @Test func othersEventsAndWhereaboutsWakeTheWatchAndOurOwnPresenceDoesNot() throws {
        let temp = try TemporaryStore()
        let mine = try temp.open()
        let watch = try #require(mine.watch(ownSession: "h:me"))
        #expect(watch.drain() == [])
        try mine.publish(Presence(login: "aisha", session: "h:me", item: "i-1", replying: false, updatedAt: Fixture.now))
        #expect(watch.drain() == [], "our own presence is not news")
        let other = try temp.open()
        try other.publish(Presence(login: "ben", session: "h:ben", item: "i-2", replying: false, updatedAt: Fixture.now))
        #expect(watch.drain() == .presence)
        _ = try other.apply(Request(.triage(item: "i-2", to: .handled), by: "ben", basedOn: 1), at: Fixture.now)
        #expect(watch.drain() == .journal)
        other.withdraw(session: "h:ben")
        #expect(watch.drain() == .presence)
    }
}
