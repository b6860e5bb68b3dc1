import EarshotCore
import Testing

/// Reading filter text: keys, quotes, negation, canonical values, and refusals
/// that point at the term the user got wrong.
@Suite struct FilterParserTests {
    func parse(_ text: String) -> Filter? { try? Filter.parse(text).get() }

    func error(_ text: String) -> FilterError? {
        if case .failure(let e) = Filter.parse(text) { return e }
        return nil
    }

    typealias T = Filter.Term

    @Test func theBriefsExampleParsesTermByTerm() throws {
        let f = try #require(parse(#"status:new channel:facebook branch:central tag:events assignee:me is:unassigned age:>2h -tag:spam "opening hours" author:@sam"#))
        #expect(f.terms == [
            T(key: "status", value: "new"), T(key: "channel", value: "facebook"),
            T(key: "branch", value: "central"), T(key: "tag", value: "events"),
            T(key: "assignee", value: "me"), T(key: "is", value: "unassigned"),
            T(key: "age", value: ">2h"), T(key: "tag", value: "spam", negated: true),
            T(value: "opening hours"), T(key: "author", value: "@sam"),
        ])
    }

    @Test func emptyAndBlankTextGiveAnEmptyFilter() {
        #expect(parse("")?.isEmpty == true)
        #expect(parse("   \t ")?.isEmpty == true)
        #expect(parse("cafe")?.isEmpty == false)
    }

    @Test func quotesGroupWordsInValuesAndPhrases() {
        #expect(parse(#"tag:"summer reading""#)?.terms == [T(key: "tag", value: "summer reading")])
        #expect(parse(#"-"opening hours""#)?.terms == [T(value: "opening hours", negated: true)])
        // A quoted colon is text to search for, not a key.
        #expect(parse(#""status:new""#)?.terms == [T(value: "status:new")])
        #expect(parse(#""-5""#)?.terms == [T(value: "-5")])
    }

    @Test func keysAreCaseInsensitiveAndAliasesCanonical() {
        #expect(parse("Status:NEW")?.terms == [T(key: "status", value: "new")])
        #expect(parse("channel:twitter")?.terms == [T(key: "channel", value: "x")])
        #expect(parse("channel:FB")?.terms == [T(key: "channel", value: "facebook")])
        #expect(parse("channel:bsky")?.terms == [T(key: "channel", value: "bluesky")])
        #expect(parse("age:3d")?.terms == [T(key: "age", value: ">=3d")])
        #expect(parse("age:<=1W")?.terms == [T(key: "age", value: "<=1w")])
        #expect(parse("assignee:ME")?.terms == [T(key: "assignee", value: "me")])
    }

    @Test func everyStatusAndStateIsAccepted() {
        for s in ["new", "needs-reply", "replied", "handled", "escalated", "hidden", "open", "closed"] {
            #expect(parse("status:\(s)") != nil, "status:\(s)")
        }
        for s in ["unassigned", "assigned", "open", "closed", "mine", "overdue", "due-soon"] {
            #expect(parse("is:\(s)") != nil, "is:\(s)")
        }
        for c in ["x", "twitter", "facebook", "fb", "mastodon", "bluesky", "bsky", "flickr", "blog"] {
            #expect(parse("channel:\(c)") != nil, "channel:\(c)")
        }
    }

    @Test func commasListAlternatives() {
        #expect(parse("channel:x,bsky")?.terms == [T(key: "channel", value: "x,bluesky")])
        #expect(error("status:new,")?.message.contains("empty alternative") == true)
        #expect(error("status:new,nwe")?.message.contains("'nwe'") == true)
    }

    @Test func unknownStatusNamesTheValueAndTheChoices() throws {
        let e = try #require(error("channel:x status:nwe"))
        #expect(e.message == "unknown status 'nwe' (try new, needs-reply, replied, handled, escalated, hidden, open, closed)")
        #expect(e.term == "status:nwe")
        #expect(e.column == 10)
        #expect(e.description == e.message)
    }

    @Test func refusalsPointAtTheTerm() throws {
        let cases: [(String, String, Int, String)] = [
            ("tag:a colour:red", "colour:red", 6, "unknown key 'colour'"),
            ("channel:myspace", "channel:myspace", 0, "unknown channel 'myspace'"),
            ("is:late", "is:late", 0, "unknown is:late"),
            ("age:>2x", "age:>2x", 0, "bad age"),
            ("age:2", "age:2", 0, "bad age"),
            ("age:>h", "age:>h", 0, "bad age"),
            ("age:=2h", "age:=2h", 0, "bad age"),
            ("age:2.5h", "age:2.5h", 0, "bad age"),
            ("age:-2h", "age:-2h", 0, "bad age"),
            ("age:99999999999d", "age:99999999999d", 0, "bad age"),
            ("a - b", "-", 2, "lone '-'"),
            ("tag:", "tag:", 0, "needs a value"),
            (#"tag:"""#, #"tag:"""#, 0, "needs a value"),
            (#"x """#, #""""#, 2, "empty phrase"),
            (":foo", ":foo", 0, "needs a key"),
            ("-status:", "-status:", 0, "needs a value"),
        ]
        for (text, term, column, fragment) in cases {
            let e = try #require(error(text), "\(text) should be refused")
            #expect(e.term == term, "\(text)")
            #expect(e.column == column, "\(text)")
            #expect(e.message.contains(fragment), "\(text): \(e.message)")
        }
    }

    @Test func unterminatedQuoteRunsToTheEnd() throws {
        let e = try #require(error(#"tag:x "opening hours"#))
        #expect(e.term == #""opening hours"#)
        #expect(e.column == 6)
        #expect(e.message.contains("unterminated quote"))
        #expect(error(#"tag:"summer"#)?.column == 0)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "café" is four characters whatever its UTF-8 length.
        #expect(error("café ☕️ nope:1")?.column == 7)
    }

    @Test func unknownKeyHintsAtQuotingForText() {
        #expect(error("http://example.org")?.message.contains("quote") == true)
        #expect(parse(#""http://example.org""#)?.terms == [T(value: "http://example.org")])
    }

    @Test func textRoundTripsThroughParse() throws {
        let f = try #require(parse(#"status:open channel:twitter,fb -tag:spam "opening hours" age:2h author:@sam "-x" "a:b""#))
        #expect(f.text == #"status:open channel:x,facebook -tag:spam "opening hours" age:>=2h author:@sam "-x" "a:b""#)
        #expect(parse(f.text) == f)
    }

    @Test func filtersAreValuesForSets() {
        #expect(parse("tag:a  tag:b") == parse("tag:a tag:b"))
        #expect(parse("tag:a tag:b") != parse("tag:b tag:a"))
    }
}
