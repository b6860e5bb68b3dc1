import EarshotCore
import Foundation
import TestSupport
import Testing

/// The sharded table and the chunked array behave as the dictionary and the array
/// they replace: values, not references, whatever shares them.
@Suite struct CollectionsTests {
    func item(_ n: Int) -> InboxItem {
        InboxItem(id: "i-\(n)", channel: .x, platformID: "p\(n)", author: Author(handle: "@a", displayName: "A"),
                  text: "text \(n)", receivedAt: Fixture.now)
    }

    @Test func theTableCountsAddsReplacesAndRemovesLikeADictionary() {
        var table = ItemTable()
        var reference: [String: InboxItem] = [:]
        for n in 0..<5_000 {
            table["i-\(n % 3_000)"] = item(n)
            reference["i-\(n % 3_000)"] = item(n)
        }
        for n in stride(from: 0, to: 3_000, by: 7) {
            #expect(table.removeValue(forKey: "i-\(n)") == reference.removeValue(forKey: "i-\(n)"))
        }
        table["absent"] = nil
        #expect(table.count == reference.count)
        #expect(Set(table.keys) == Set(reference.keys))
        #expect(Set(table.values) == Set(reference.values))
        #expect(table.values.count == reference.count)
        for (id, value) in table { #expect(reference[id] == value) }
        #expect(table.dictionary == reference)
        #expect(table == ItemTable(reference))
    }

    @Test func aCopyKeepsItsValuesWhenTheOriginalChanges() {
        var original = ItemTable(uniqueKeysWithValues: (0..<2_000).map { ("i-\($0)", item($0)) })
        let copy = original
        original["i-5"]?.status = .handled
        original.modify("i-6") { $0.tags = ["x"] }
        original["i-7"] = nil
        #expect(copy["i-5"]?.status == .new)
        #expect(copy["i-6"]?.tags == [])
        #expect(copy["i-7"] != nil)
        #expect(copy.count == 2_000 && original.count == 1_999)
        #expect(copy != original)
    }

    @Test func equalTablesHashAlikeHoweverTheyWereBuilt() {
        let forward = ItemTable(uniqueKeysWithValues: (0..<500).map { ("i-\($0)", item($0)) })
        let backward = ItemTable(uniqueKeysWithValues: (0..<500).reversed().map { ("i-\($0)", item($0)) })
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        #expect(ItemTable(keepingFirst: [item(1), item(1)].enumerated().map { i, it in
            var it = it
            it.text = "copy \(i)"
            return it
        })["i-1"]?.text == "copy 0")
    }

    @Test func theChunkedArrayIsAnArrayAcrossChunkBoundaries() {
        var chunked = ChunkedArray<Int>()
        var plain: [Int] = []
        for n in 0..<3_000 {
            chunked.append(n)
            plain.append(n)
        }
        let copy = chunked
        for i in stride(from: 0, to: 3_000, by: 511) {
            chunked[i] = -i
            plain[i] = -i
        }
        #expect(Array(chunked) == plain)
        #expect(Array(copy) == Array(0..<3_000))
        #expect(chunked.count == 3_000 && chunked.last == plain.last)
        #expect(ChunkedArray(plain) == chunked)
        #expect(ChunkedArray(plain).hashValue == chunked.hashValue)
        #expect(chunked != copy)
    }
}
