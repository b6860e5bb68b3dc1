import EarshotCore
import EarshotIngest
import Foundation
import Testing

/// Mappers against payloads in the shapes the platforms document.
struct MappingTests {
    @Test func mastodonMentionsQuotesAndUpdates() throws {
        let json = #"""
        [{"id":"301","type":"update","created_at":"2026-11-27T11:00:00.000Z","account":{"id":"9","acct":"jo@ex.social","username":"jo","display_name":"Jo"},
          "status":{"id":"110","created_at":"2026-11-27T10:00:00.000Z","edited_at":"2026-11-27T11:00:00.000Z","in_reply_to_id":null,"content":"<p>Now with &amp;</p>","spoiler_text":"","url":"https://ex.social/@jo/110",
            "account":{"id":"9","acct":"jo@ex.social","username":"jo","display_name":""}}},
         {"id":"300","type":"favourite","created_at":"2026-11-27T10:30:00Z","account":{"id":"9","acct":"jo@ex.social"}},
         {"id":"299","type":"mention","created_at":"2026-11-27T10:00:00.123456+00:00","account":{"id":"9","acct":"jo@ex.social"},
          "status":{"id":"110","created_at":"2026-11-27T10:00:00.123456+00:00","in_reply_to_id":"100","content":"<p>Hi</p>","spoiler_text":"hours",
            "account":{"id":"9","acct":"jo@ex.social","username":"jo","display_name":"Jo"}}}]
        """#
        let arrivals = Mastodon.arrivals(try Mastodon.notifications(Data(json.utf8)), ownAcct: "harbourside")
        #expect(arrivals.count == 2)
        #expect(arrivals[0].editOf == "110" && arrivals[0].platformID == "110@2026-11-27T11:00:00.000Z")
        #expect(arrivals[0].name == "jo" && arrivals[0].text == "Now with &")
        #expect(arrivals[1].text == "CW: hours\nHi" && arrivals[1].inReplyTo == "100" && arrivals[1].handle == "@jo@ex.social")
        #expect(arrivals[1].at == Date(timeIntervalSince1970: 1_795_773_600.123))
        #expect(Mastodon.prevMinID(linkHeader: #"<https://ex/api/v1/notifications?max_id=7>; rel="next", <https://ex/api/v1/notifications?min_id=12&limit=40>; rel="prev""#) == "12")
    }

    @Test func blueskyReasonsAndFacetOffsetsThatLie() throws {
        let json = #"""
        {"cursor":"abc","notifications":[
         {"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"c","author":{"did":"did:plc:a","handle":"jo.bsky.social","displayName":"Jo"},
          "reason":"reply","record":{"$type":"app.bsky.feed.post","text":"see ex.org/lo... ok","createdAt":"2026-11-27T10:00:00.000Z",
          "reply":{"root":{"uri":"at://did:plc:lib/app.bsky.feed.post/0","cid":"r"},"parent":{"uri":"at://did:plc:lib/app.bsky.feed.post/0","cid":"r"}},
          "facets":[{"index":{"byteStart":4,"byteEnd":16},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://ex.org/long/path"}]},
                    {"index":{"byteStart":90,"byteEnd":9000},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://bad"}]}]},
          "isRead":false,"indexedAt":"2026-11-27T10:00:01.000Z"},
         {"uri":"at://did:plc:b/app.bsky.feed.like/2","cid":"c","author":{"did":"did:plc:b","handle":"b.bsky.social"},"reason":"like",
          "record":{},"isRead":false,"indexedAt":"2026-11-27T10:01:00.000Z"}]}
        """#
        let page = try Bluesky.page(Data(json.utf8))
        let arrivals = Bluesky.arrivals(page.notifications, ownDID: "did:plc:lib")
        #expect(arrivals.count == 1)
        #expect(arrivals[0].text == "see https://ex.org/long/path ok")
        #expect(arrivals[0].inReplyTo == "at://did:plc:lib/app.bsky.feed.post/0")
        #expect(arrivals[0].url == "https://bsky.app/profile/jo.bsky.social/post/1")
    }

    @Test func wxrExportKeepsApprovedCommentsWithRestIDs() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><item><title>Winter hours</title><link>https://blog.example/winter-hours/</link>
        <wp:comment><wp:comment_id>41</wp:comment_id><wp:comment_author><![CDATA[Ann &amp; Bo]]></wp:comment_author>
          <wp:comment_date_gmt>2026-11-20 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Great <b>news</b> &mdash; thanks]]></wp:comment_content>
          <wp:comment_approved>1</wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
        <wp:comment><wp:comment_id>42</wp:comment_id><wp:comment_author>Spammer</wp:comment_author><wp:comment_date_gmt>2026-11-20 11:00:00</wp:comment_date_gmt>
          <wp:comment_content>buy now</wp:comment_content><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
        <wp:comment><wp:comment_id>43</wp:comment_id><wp:comment_author>Cy</wp:comment_author><wp:comment_date_gmt>2026-11-20 12:00:00</wp:comment_date_gmt>
          <wp:comment_content>Agreed</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>41</wp:comment_parent></wp:comment>
        </item></channel></rss>
        """
        let arrivals = try WXR.arrivals(Data(xml.utf8))
        #expect(arrivals.map(\.platformID) == ["41", "43"])
        #expect(arrivals[0].name == "Ann & Bo" && arrivals[0].text == "Great news — thanks")
        #expect(arrivals[0].url == "https://blog.example/winter-hours/#comment-41")
        #expect(arrivals[1].inReplyTo == "41")
        #expect(throws: MappingError.self) { try WXR.arrivals(Data("<rss><channel>".utf8)) }
    }

    @Test func facebookAndXShapes() throws {
        let fb = #"""
        {"data":[{"id":"1_2_3","message":"When is story time?","created_time":"2026-11-27T10:00:00+0000","from":{"id":"55","name":"Jo"}},
                 {"id":"1_2_4","message":"Saturday 10:30!","created_time":"2026-11-27T10:05:00+0000","from":{"id":"1","name":"Harbourside"},"parent":{"id":"1_2_3"}}],
         "paging":{"cursors":{"before":"a","after":"b"},"next":"https://graph.facebook.com/v21.0/1_2/comments?after=b"}}
        """#
        let page = try Facebook.page(Data(fb.utf8), of: Facebook.Comment.self)
        let arrivals = Facebook.arrivals(page.data, postID: "1_2", pageID: "1")
        #expect(arrivals[0].inReplyTo == "1_2" && !arrivals[0].fromLibrary)
        #expect(arrivals[1].inReplyTo == "1_2_3" && arrivals[1].fromLibrary)
        #expect(arrivals[0].at == Date(timeIntervalSince1970: 1_795_773_600))

        let x = #"""
        {"data":[{"id":"1800","text":"@harbourside fish &amp; chips &lt;3","author_id":"7","created_at":"2026-11-27T10:00:00.000Z",
                  "referenced_tweets":[{"type":"quoted","id":"1"},{"type":"replied_to","id":"1700"}]}],
         "includes":{"users":[{"id":"7","name":"Jo","username":"jo"}]},"meta":{"newest_id":"1800","oldest_id":"1800","result_count":1}}
        """#
        let posts = XMentions.arrivals(try XMentions.page(Data(x.utf8)), ownID: "9")
        #expect(posts[0].text == "@harbourside fish & chips <3")
        #expect(posts[0].inReplyTo == "1700" && posts[0].handle == "@jo")
        #expect(XMentions.arrivals(try XMentions.page(Data(#"{"meta":{"result_count":0}}"#.utf8)), ownID: "9").isEmpty)
    }
}
