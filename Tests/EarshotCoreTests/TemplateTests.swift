import EarshotCore
import Foundation
import Testing

/// Saved replies: placeholders filled, unknown ones left visible, braces escaped.
@Suite struct TemplateTests {
    let values = ["author": "Sam", "branch": "Central Library", "branch.hours": "Mon–Fri 9:00–17:00",
                  "channel": "Facebook", "me": "Aisha"]

    @Test func fillsKnownPlaceholders() {
        let text = "Hi {author}, {branch} is open {branch.hours}. — {me}"
        #expect(Template.expand(text, values: values) == "Hi Sam, Central Library is open Mon–Fri 9:00–17:00. — Aisha")
    }

    @Test func unknownPlaceholdersStayAsTyped() {
        #expect(Template.expand("Hi {autor}!", values: values) == "Hi {autor}!")
        #expect(Template.expand("Hi {Author}", values: values) == "Hi {Author}")
    }

    @Test func doubledBracesAreLiteral() {
        #expect(Template.expand("{{author}}", values: values) == "{author}")
        #expect(Template.expand("{{{author}}}", values: values) == "{Sam}")
        #expect(Template.expand("a {{ b }} c", values: values) == "a { b } c")
    }

    @Test func malformedBracesAreJustText() {
        for text in ["{", "}", "{}", "{author", "{ author }", "{a b}", "x } y {", "{{}", "😀{author}😀"] {
            let expanded = Template.expand(text, values: values)
            if text == "😀{author}😀" {
                #expect(expanded == "😀Sam😀")
            } else if text == "{{}" {
                #expect(expanded == "{}")
            } else {
                #expect(expanded == text, "\(text)")
            }
        }
    }

    @Test func valuesAreNotExpandedAgain() {
        // An author who calls themselves "{me}" must not pull in staff names.
        #expect(Template.expand("Hi {author}", values: ["author": "{me}", "me": "Aisha"]) == "Hi {me}")
    }

    @Test func placeholdersInOrderOnceEach() {
        let text = "{me} {author} {{channel}} {author} {branch.hours} {x-y_z}"
        #expect(Template.placeholders(in: text) == ["me", "author", "branch.hours", "x-y_z"])
        #expect(Template.placeholders(in: "no placeholders {here") == [])
        #expect(Template.unfilled(in: "{author} {brnch}", values: values) == ["brnch"])
    }

    @Test func standardValuesForAnItem() {
        let item = InboxItem(id: "i-1", channel: .bluesky, platformID: "b-1",
                             author: Author(handle: "@sam.bsky.social", displayName: "  "),
                             text: "hi", receivedAt: Date(timeIntervalSince1970: 0))
        let me = StaffMember(login: "aisha", name: "Aisha Rahman", role: .staff, branch: "central")
        let hours = OpeningHours(weekly: ["sat": ["10:00-13:00"]])
        let v = Template.values(item: item, me: me, branch: Branch(id: "central", name: "Central Library", hours: hours))
        #expect(v["author"] == "@sam.bsky.social")
        #expect(v["author.handle"] == "@sam.bsky.social")
        #expect(v["channel"] == "Bluesky")
        #expect(v["branch"] == "Central Library")
        #expect(v["branch.hours"] == "Sat 10:00–13:00")
        #expect(v["me"] == "Aisha Rahman")
        #expect(v["me.first"] == "Aisha")
        #expect(Set(v.keys) == Set(Template.standardNames))
        let noBranch = Template.values(item: item, me: me, branch: nil)
        #expect(noBranch["branch"] == nil && noBranch["branch.hours"] == nil)
        #expect(Template.expand("{branch.hours}", values: noBranch) == "{branch.hours}")
    }

    @Test func savedRepliesRoundTripAsJSON() throws {
        let reply = SavedReply(name: "Hours", text: "We're open {branch.hours}.")
        let back = try JSONDecoder().decode(SavedReply.self, from: JSONEncoder().encode(reply))
        #expect(back == reply)
    }
}
