import EarshotCore
import Foundation
import Testing

/// Saved views and reply routes as store.json holds them.
@Suite struct SavedViewTests {
    @Test func aGoodViewHasNoProblems() {
        #expect(SavedView(name: "Mine", filter: "is:mine status:open", key: "m").validate().isEmpty)
        #expect(SavedView(name: "All", filter: "").validate().isEmpty)
    }

    @Test func problemsAreNamedAndPlaced() {
        let bad = SavedView(name: "Late", filter: "status:open is:late", key: "ll")
        #expect(bad.validate() == [
            "saved view 'Late': unknown is:late (try unassigned, assigned, open, closed, mine, overdue, due-soon) at column 13 of its filter",
            "saved view 'Late': key 'll' must be a single character",
        ])
        #expect(SavedView(name: " ", filter: "", key: " ").validate().count == 2)
    }

    @Test func keysMustBeUniqueAcrossViews() {
        let views = [SavedView(name: "Mine", filter: "is:mine", key: "m"),
                     SavedView(name: "Mastodon", filter: "channel:mastodon", key: "m"),
                     SavedView(name: "Other", filter: "")]
        #expect(SavedView.validate(views) == ["saved views 'Mine' and 'Mastodon' both use key 'm'"])
    }

    @Test func decodesWithoutKeyAndRoundTrips() throws {
        let view = try JSONDecoder().decode(SavedView.self, from: Data(#"{"name":"Open","filter":"is:open"}"#.utf8))
        #expect(view == SavedView(name: "Open", filter: "is:open"))
        let keyed = SavedView(name: "Mine", filter: "is:mine", key: "m")
        #expect(try JSONDecoder().decode(SavedView.self, from: JSONEncoder().encode(keyed)) == keyed)
    }

    @Test func replyRoutesUseTheirRawNames() throws {
        #expect(ReplyRoute(rawValue: "direct") == .direct)
        #expect(ReplyRoute(rawValue: "approval") == .approval)
        #expect(ReplyRoute(rawValue: "auto") == nil)
        let routes = try JSONDecoder().decode([String: ReplyRoute].self, from: Data(#"{"x":"direct"}"#.utf8))
        #expect(routes["x"] == .direct)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([String: ReplyRoute].self, from: Data(#"{"x":"maybe"}"#.utf8))
        }
    }
}
