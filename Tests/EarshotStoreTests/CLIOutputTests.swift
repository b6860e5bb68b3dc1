import EarshotCore
import EarshotStore
import Foundation
import TestSupport
import Testing

/// Issue 12: nothing from the public reaches a terminal raw through a CLI verb.
@Suite struct CLIOutputTests {
    static let hostile = "Mallory\u{1B}]0;owned\u{07}\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{1B}[2J\u{9B}31m\u{202E}evil\nseq 999 fake row"

    func run(_ arguments: [String]) throws -> Data {
        let earshot = try ConcurrencyTests.benchBinary().deletingLastPathComponent().appendingPathComponent("earshot")
        let p = Process()
        p.executableURL = earshot
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    func hostileStore() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        var item = Fixture.item("i-9", text: "Hello \(Self.hostile)", author: "x")
        item.author = Author(handle: Self.hostile, displayName: Self.hostile)
        _ = try temp.open().apply(Request(.receive(item), by: "elena"), at: Fixture.now)
        return temp
    }

    func expectHarmless(_ data: Data, _ what: String) {
        #expect(!data.contains(0x1B), "\(what): no ESC")
        #expect(!data.contains(0x07), "\(what): no BEL")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "\(what): no C1 control")
        #expect(!text.contains("\u{202E}"), "\(what): no bidi override")
    }

    @Test func auditTableNeutralisesHostileHandlesAndKeepsOneLinePerEvent() throws {
        let temp = try hostileStore()
        let data = try run(["audit", "--store", temp.root.path, "--format", "table"])
        expectHarmless(data, "table")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1, "a newline in a handle cannot fake a row")
        #expect(lines.first?.contains("received i-9") == true)
    }

    @Test func auditJSONLinesStayValidJSONAndHarmless() throws {
        let temp = try hostileStore()
        let data = try run(["audit", "--store", temp.root.path])
        expectHarmless(data, "jsonl")
        let line = try #require(String(decoding: data, as: UTF8.self).split(separator: "\n").first)
        let event = try JSONDecoder.iso().decode(Event.self, from: Data(line.utf8))
        guard case .received(let item) = event.change else {
            Issue.record("expected the received event")
            return
        }
        #expect(item.author.handle == Self.hostile, "escaping keeps the value")
    }
}
