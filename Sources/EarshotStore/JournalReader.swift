import EarshotCore
import Foundation

/// Parses `journal.jsonl` bytes into events, one per line.
struct JournalReader {
    struct Chunk {
        var events: [Event]
        /// Bytes that ended in a newline and were parsed; the next read starts after them.
        var consumed: Int
        /// Lines parsed, to number the lines of the next chunk.
        var lines: Int
        /// Bytes after the last newline: a line still being written, or torn by a crash.
        var unterminated: Int
    }

    /// Parses every complete line of `data`. A malformed complete line is an error
    /// naming its line; an unterminated tail is reported, never parsed as an event.
    static func parse(_ data: Data, firstLine: Int) throws -> Chunk {
        var events: [Event] = []
        let decoder = JSONFormat.decoder()
        var lineNumber = firstLine
        var start = data.startIndex
        var consumed = 0
        while let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = data[start..<newline]
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                do {
                    events.append(try decoder.decode(Event.self, from: line))
                } catch let error as DecodingError {
                    throw StoreError.malformed(file: "journal.jsonl", line: lineNumber, detail: "not a valid event: " + JSONFormat.explain(error))
                }
            }
            lineNumber += 1
            start = data.index(after: newline)
            consumed = start - data.startIndex
        }
        return Chunk(events: events, consumed: consumed, lines: lineNumber - firstLine, unterminated: data.count - consumed)
    }

    static func encode(_ event: Event) throws -> Data {
        var line = try JSONFormat.encoder(pretty: false).encode(event)
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
