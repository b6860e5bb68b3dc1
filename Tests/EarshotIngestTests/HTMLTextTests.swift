import EarshotIngest
import Testing

struct HTMLTextTests {
    @Test func mastodonMentionsHashtagsAndShortenedLinksReadAsWritten() {
        let html = #"<p><span class="h-card"><a href="https://ex.social/@harbourside" class="u-url mention">@<span>harbourside</span></a></span> is the <a href="https://ex.social/tags/WinterReads" class="mention hashtag" rel="tag">#<span>WinterReads</span></a> list out? <a href="https://harbourside.example/events/winter-reading-2026" rel="nofollow noopener"><span class="invisible">https://</span><span class="ellipsis">harbourside.example/events/win</span><span class="invisible">ter-reading-2026</span></a></p><p>Second&nbsp;para</p>"#
        #expect(HTMLText.plain(html) == "@harbourside is the #WinterReads list out? https://harbourside.example/events/winter-reading-2026\n\nSecond\u{00A0}para")
    }

    @Test func linkTextThatHidesTheAddressGetsTheAddress() {
        #expect(HTMLText.plain(#"<a href="https://evil.example/x">our catalogue</a>"#) == "our catalogue (https://evil.example/x)")
    }

    @Test func entitiesNamedNumericAndBroken() {
        #expect(HTMLText.plain("Fish &amp; chips &lt;3 &#39;ok&#39; &#x1F600; &hellip;") == "Fish & chips <3 'ok' 😀 …")
        // Double-escaped text stays once-escaped, as the author typed it.
        #expect(HTMLText.plain("&amp;lt;b&amp;gt;") == "&lt;b&gt;")
        // Numbers that name no character, unknown names and a bare ampersand.
        #expect(HTMLText.plain("a&#0;b&#xD800;c&#99999999;d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(HTMLText.plain("&bogus; & &amp") == "&bogus; & &amp")
    }

    @Test func scriptsStylesAndBrokenMarkupNeverHideOrBreakText() {
        #expect(HTMLText.plain("<p>Hi<script>alert('x')</script> there<style>p{}</style></p>") == "Hi there")
        #expect(HTMLText.plain("1 < 2 and <b>bold</b") == "1 < 2 and bold</b")
        #expect(HTMLText.plain("line<br>break<br/>again") == "line\nbreak\nagain")
        #expect(HTMLText.plain("<p></p><p>  spaced   out </p>") == "spaced out")
    }
}
