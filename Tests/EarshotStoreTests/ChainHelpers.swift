import EarshotStore
import Foundation
import TestSupport

/// What someone with write access to the files could do by hand.
extension TemporaryStore {
    var archivedEvents: URL { root.appendingPathComponent("archive/events.jsonl") }

    /// The journal's complete lines as bytes, without their newlines.
    func rawLines(_ url: URL? = nil) throws -> [Data] {
        let data = (try? Data(contentsOf: url ?? journal)) ?? Data()
        return data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }

    /// Appends lines the way a forger would; with `recompute` each carries the hash of
    /// the line before it (a forger who knows the format), otherwise a made-up one.
    func forge(_ lines: [(String) -> String], recompute: Bool) throws {
        var prev = try rawLines().last.map { Chain.hash($0) } ?? Chain.genesis
        var out = Data()
        for make in lines {
            let line = Data(make(recompute ? prev : String(repeating: "ab", count: 32)).utf8)
            prev = Chain.hash(line)
            out.append(line)
            out.append(UInt8(ascii: "\n"))
        }
        let handle = try FileHandle(forWritingTo: journal)
        handle.seekToEndOfFile()
        handle.write(out)
        try handle.close()
    }

    /// Replaces the text of one journal line (1-based) in place, as an editor would.
    func edit(line number: Int, _ change: (String) -> String) throws {
        var lines = try rawLines().map { String(decoding: $0, as: UTF8.self) }
        lines[number - 1] = change(lines[number - 1])
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: journal)
    }
}

/// A comms officer's approval, as a forged journal line.
func forgedApproval(draft: String, by officer: String, seq: Int) -> (String) -> String {
    { prev in
        #"{"actor":"\#(officer)","at":"2026-11-27T15:40:00Z","basedOn":1,"change":{"approved":{"draft":"\#(draft)","revision":1}},"prev":"\#(prev)","seq":\#(seq)}"#
    }
}
