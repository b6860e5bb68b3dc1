import EarshotCore
import EarshotIngest
import Foundation
import Testing

struct JSONLinesTests {
    @Test func goodLinesGoInAndEachBadLineIsNamedByNumber() {
        let input = """
            {"channel":"mastodon","id":"1","handle":"@jo@ex.social","name":"Jo","text":"Open Sunday?","time":"2026-11-27T10:00:00Z","branch":"central"}
            not json
            {"channel":"myspace","id":"2","handle":"@a","text":"x","time":"2026-11-27T10:00:00Z"}

            {"channel":"x","id":"3","handle":"@b","text":"  ","time":"2026-11-27T10:00:00Z"}
            {"channel":"x","id":"4","handle":"@b","text":"hi","time":"yesterday"}
            {"channel":"x","id":5,"handle":"@b","text":"hi","time":"2026-11-27T10:00:00Z"}
            {"channel":"bluesky","id":"at://did/app.bsky.feed.post/6","handle":"@c","text":"reply","time":"2026-11-27T10:05:00.123Z","inReplyTo":"at://did/app.bsky.feed.post/1","url":"https://bsky.app/x"}
            """
        let (arrivals, problems) = JSONLines.parse(Data(input.utf8))
        #expect(arrivals.map(\.platformID) == ["1", "at://did/app.bsky.feed.post/6"])
        #expect(arrivals[0].branch == "central" && arrivals[0].name == "Jo")
        #expect(arrivals[1].name == "@c" && arrivals[1].inReplyTo == "at://did/app.bsky.feed.post/1")
        #expect(problems.map(\.line) == [2, 3, 5, 6, 7])
        #expect(problems[1].message.contains("myspace"))
        #expect(problems[4].message.contains("\"id\""))
    }

    @Test func invalidUTF8IsALineProblemNotACrash() {
        var data = Data(#"{"channel":"x","id":"1","handle":"@b","text":"ok","time":"2026-11-27T10:00:00Z"}"#.utf8)
        data.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x0A])
        let (arrivals, problems) = JSONLines.parse(data)
        #expect(arrivals.count == 1)
        #expect(problems.map(\.line) == [2])
    }
}
