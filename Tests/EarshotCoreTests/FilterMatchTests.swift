import EarshotCore
import Foundation
import Testing

/// Which items a filter lets through, key by key, with the context it needs.
@Suite struct FilterMatchTests {
    static let now = Date(timeIntervalSince1970: 1_795_793_400)
    let aisha = StaffMember(login: "aisha", name: "Aisha Rahman", role: .staff, branch: "central")

    func item(
        _ id: String = "i-1", channel: Channel = .facebook, text: String = "When do you open?",
        handle: String = "@sam", name: String = "Sam Lee", status: ItemStatus = .new,
        tags: [String] = [], assignee: String? = nil, branch: String? = "central", age: TimeInterval = 3600
    ) -> InboxItem {
        InboxItem(id: id, channel: channel, platformID: "p-\(id)", author: Author(handle: handle, displayName: name),
                  text: text, receivedAt: Self.now.addingTimeInterval(-age), branch: branch,
                  status: status, tags: tags, assignee: assignee)
    }

    func matches(_ filter: String, _ item: InboxItem, due: [String: Date] = [:],
                 states: [String: DueState] = [:]) throws -> Bool {
        let f = try Filter.parse(filter).get()
        return f.matches(item, in: FilterContext(me: aisha, now: Self.now, due: due, dueStates: states))
    }

    @Test func emptyFilterMatchesEverything() throws {
        #expect(try matches("", item()))
        #expect(try matches("", item(status: .hidden)))
    }

    @Test func statusIncludingOpenAndClosed() throws {
        #expect(try matches("status:new", item()))
        #expect(try !matches("status:replied", item()))
        #expect(try matches("status:needs-reply", item(status: .needsReply)))
        for s in [ItemStatus.new, .needsReply, .escalated] {
            #expect(try matches("status:open", item(status: s)))
            #expect(try !matches("status:closed", item(status: s)))
        }
        for s in [ItemStatus.replied, .handled, .hidden] {
            #expect(try matches("status:closed", item(status: s)))
            #expect(try matches("-status:open", item(status: s)))
        }
        #expect(try matches("status:replied,handled", item(status: .handled)))
    }

    @Test func channelWithAliases() throws {
        #expect(try matches("channel:fb", item(channel: .facebook)))
        #expect(try matches("channel:twitter", item(channel: .x)))
        #expect(try matches("channel:bsky,mastodon", item(channel: .mastodon)))
        #expect(try !matches("channel:x", item(channel: .blog)))
    }

    @Test func branchTagAndAssigneeCompareWholeValuesInsensitively() throws {
        #expect(try matches("branch:Central", item()))
        #expect(try !matches("branch:cent", item()))
        #expect(try matches("branch:none", item(branch: nil)))
        #expect(try !matches("branch:none", item()))
        #expect(try matches("tag:EVENTS", item(tags: ["events"])))
        #expect(try !matches("tag:event", item(tags: ["events"])))
        #expect(try matches(#"tag:"summer reading""#, item(tags: ["summer reading"])))
        #expect(try matches("tag:cafe", item(tags: ["café"])))
        #expect(try matches("-tag:spam", item(tags: ["events"])))
        #expect(try !matches("-tag:spam", item(tags: ["spam", "events"])))
        #expect(try matches("assignee:me", item(assignee: "aisha")))
        #expect(try !matches("assignee:me", item(assignee: "ben")))
        #expect(try matches("assignee:none", item()))
        #expect(try matches("assignee:Ben", item(assignee: "ben")))
        #expect(try matches("assignee:central", item(assignee: "central")))
    }

    @Test func isStates() throws {
        #expect(try matches("is:unassigned", item()))
        #expect(try !matches("is:assigned", item()))
        #expect(try matches("is:assigned", item(assignee: "ben")))
        #expect(try matches("is:open", item(status: .escalated)))
        #expect(try matches("is:closed", item(status: .hidden)))
        #expect(try matches("is:mine", item(assignee: "aisha")))
        #expect(try matches("is:mine", item(assignee: "central")))
        #expect(try !matches("is:mine", item(assignee: "northgate")))
        #expect(try !matches("is:mine", item()))
    }

    @Test func isMineForSomeoneWithoutABranchIsOnlyTheirOwn() throws {
        let priya = StaffMember(login: "priya", name: "Priya Nair", role: .comms)
        let f = try Filter.parse("is:mine").get()
        let ctx = FilterContext(me: priya, now: Self.now)
        #expect(f.matches(item(assignee: "priya"), in: ctx))
        #expect(!f.matches(item(), in: ctx))
    }

    @Test func overdueAndDueSoonFromDueDates() throws {
        let due = ["late": Self.now.addingTimeInterval(-60), "soon": Self.now.addingTimeInterval(600),
                   "later": Self.now.addingTimeInterval(7200), "closed": Self.now.addingTimeInterval(-60)]
        #expect(try matches("is:overdue", item("late"), due: due))
        #expect(try !matches("is:due-soon", item("late"), due: due))
        #expect(try matches("is:due-soon", item("soon"), due: due))
        #expect(try !matches("is:overdue", item("later"), due: due))
        #expect(try !matches("is:due-soon", item("later"), due: due))
        // Closed items and items without a target are never late.
        #expect(try !matches("is:overdue", item("closed", status: .handled), due: due))
        #expect(try !matches("is:overdue", item("none"), due: due))
        #expect(try matches("is:overdue,due-soon", item("soon"), due: due))
    }

    @Test func precomputedStatesWinOverClockReading() throws {
        let due = ["a": Self.now.addingTimeInterval(7200)]
        #expect(try matches("is:due-soon", item("a"), due: due, states: ["a": .dueSoon]))
        #expect(try !matches("is:due-soon", item("a"), due: due))
    }

    @Test func ageComparisons() throws {
        let threeHours = item(age: 3 * 3600)
        #expect(try matches("age:>2h", threeHours))
        #expect(try !matches("age:<2h", threeHours))
        #expect(try matches("age:<30m", item(age: 600)))
        #expect(try matches("age:>=3h", threeHours))
        #expect(try matches("age:<=3h", threeHours))
        #expect(try !matches("age:>3h", threeHours))
        #expect(try matches("age:3d", item(age: 3 * 86_400)))
        #expect(try !matches("age:3d", item(age: 2 * 86_400)))
        #expect(try matches("age:>1w", item(age: 8 * 86_400)))
        #expect(try matches("-age:>1d", threeHours))
    }

    @Test func bareWordsSearchTextAndAuthorInsensitively() throws {
        let cafe = item(text: "Is the Café open on Sunday?", handle: "@bookworm", name: "Zoë Smith")
        #expect(try matches("cafe", cafe))
        #expect(try matches("CAFÉ sunday", cafe))
        #expect(try matches("zoe", cafe))
        #expect(try matches("bookworm", cafe))
        #expect(try matches("@bookworm", cafe))
        #expect(try !matches("cafe monday", cafe))
        #expect(try matches(#""the cafe""#, cafe))
        #expect(try !matches(#""cafe the""#, cafe))
        #expect(try !matches("-cafe", cafe))
    }

    @Test func phrasesIgnoreLineBreaksAndHiddenCharacters() throws {
        let spaced = item(text: "Our opening\n  hours are gre\u{200B}at")
        #expect(try matches(#""opening hours""#, spaced))
        #expect(try matches("great", spaced))
    }

    @Test func authorMatchesHandleOrNameSubstring() throws {
        let sam = item(handle: "@samuel_p", name: "Samuel Pepys")
        #expect(try matches("author:@sam", sam))
        #expect(try matches("author:sam", sam))
        #expect(try matches("author:pepys", sam))
        #expect(try !matches("author:@pepys_x", sam))
        #expect(try matches("author:sam", item(handle: "sam", name: "")))
        #expect(try !matches("author:sam", item(text: "sam says hi", handle: "@jo", name: "Jo")))
    }

    @Test func termsAreAnded() throws {
        let it = item(channel: .x, status: .needsReply, tags: ["events"], assignee: "aisha")
        #expect(try matches("channel:x tag:events status:open is:mine", it))
        #expect(try !matches("channel:x tag:events status:new", it))
        #expect(try !matches("tag:events tag:spam", it))
    }

    @Test func handBuiltTermsWithBadValuesMatchNothing() {
        let ctx = FilterContext(me: aisha, now: Self.now)
        let bad = Filter(terms: [Filter.Term(key: "age", value: "soon")])
        #expect(!bad.matches(item(), in: ctx))
        #expect(!Filter(terms: [Filter.Term(key: "colour", value: "red")]).matches(item(), in: ctx))
        #expect(Filter(terms: [Filter.Term(key: "colour", value: "red", negated: true)]).matches(item(), in: ctx))
    }
}
