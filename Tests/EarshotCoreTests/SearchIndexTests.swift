@testable import EarshotCore
import Foundation
import Testing

/// The search index finds what `Search.matches` finds, key by key as a person types.
@Suite struct SearchIndexTests {
    static let texts = [
        "Is the Central library open late on Thursday?", "CAFÉ opens at nine", "café  au\u{200B}lait\tplease",
        "日本語のテキスト", "The printers on floor 2 are broken", "Ｗｉｄｅ letters", "renew my card", "",
        "Story time: when is it?", "open\nlate\n\nfriday", "naïve résumé", "Loved the author talk",
    ]
    static let names = [("@samlee", "Sam Lee"), ("@ruth", "Ruth Adeyemi"), ("@elodie", "Élodie Martin"), ("@bot", "Promo Bot")]

    func items(_ count: Int) -> [InboxItem] {
        (0..<count).map { i in
            let (handle, name) = Self.names[i % Self.names.count]
            return InboxItem(
                id: "i\(i)", channel: .x, platformID: "p\(i)", author: Author(handle: handle, displayName: name),
                text: Self.texts[i % Self.texts.count] + " \(i)", receivedAt: Date(timeIntervalSince1970: Double(i)))
        }
    }

    func expected(_ items: [InboxItem], _ query: String) -> Set<String> {
        Set(items.filter { Search.matches($0, query: query) }.map(\.id))
    }

    @Test func typedKeyByKeyMatchesTheScan() {
        let all = items(120)
        var index = SearchIndex(items: all)
        for query in ["cafe au", "open late fri", "ELODIE", "naive resume", "wide", "日本", "zzz", "printers 2", "sam talk", "1 2"] {
            var typed = ""
            for ch in query {
                typed.append(ch)
                #expect(index.matches(typed) == expected(all, typed), "query '\(typed)'")
            }
            // Backspacing widens again.
            while !typed.isEmpty {
                typed.removeLast()
                #expect(index.matches(typed) == expected(all, typed), "query '\(typed)'")
            }
        }
    }

    @Test func itemsAddedLaterAreFound() {
        let all = items(40)
        var index = SearchIndex(items: all.prefix(20))
        #expect(index.matches("printers") == expected(Array(all.prefix(20)), "printers"))
        for item in all.dropFirst(20) { index.add(item) }
        #expect(index.matches("printers") == expected(all, "printers"))
        #expect(index.matches("printers 3") == expected(all, "printers 3"))
        #expect(index.count == 40)
    }

    @Test func narrowingOnlyWhenTheNewQueryOnlyAdds() {
        #expect(SearchIndex.narrows(["ope"], to: ["open"]))
        #expect(SearchIndex.narrows(["open"], to: ["open", "late"]))
        #expect(!SearchIndex.narrows(["open", "l"], to: ["opens", "l"]))
        #expect(!SearchIndex.narrows(["open"], to: ["ope"]))
        #expect(!SearchIndex.narrows(["open", "late"], to: ["late", "open"]))
        #expect(!SearchIndex.narrows([], to: ["a"]))
    }

    /// A build asked to stop stops (the console that wanted it has gone).
    @Test func aStoppedBuildStopsEarly() {
        var asked = 0
        let index = SearchIndex(items: items(5_000), stop: {
            asked += 1
            return asked > 2
        })
        #expect(index.count == 2_048, "two slices of 1,024, then the stop")
        #expect(SearchIndex(items: items(5_000)).count == 5_000)
    }
}
