import EarshotCore
import Foundation

/// Parses `journal.jsonl` bytes into events, one per line.
struct JournalReader {
    /// One complete event line as written.
    struct Record {
        var event: Event
        /// SHA-256 of the line's bytes: what the next line's "prev" must be.
        var hash: String
        /// 1-based line number in its file.
        var line: Int
        /// Offset of the line's first byte, relative to the parsed data.
        var start: Int
        /// Offset just past this line's newline, relative to the parsed data.
        var end: Int
    }

    struct Chunk {
        var records: [Record]
        var events: [Event] { records.map(\.event) }
        /// Bytes that ended in a newline and were parsed; the next read starts after them.
        var consumed: Int
        /// Lines parsed, to number the lines of the next chunk.
        var lines: Int
        /// Bytes after the last newline: a line still being written, or torn by a crash.
        var unterminated: Int
    }

    /// Parses every complete line of `data`. A malformed complete line is an error
    /// naming its line; an unterminated tail is reported, never parsed as an event.
    static func parse(_ data: Data, firstLine: Int, file: String = "journal.jsonl") throws -> Chunk {
        var records: [Record] = []
        let decoder = JSONFormat.decoder()
        var lineNumber = firstLine
        var start = data.startIndex
        var consumed = 0
        while let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = data[start..<newline]
            let lineStart = start - data.startIndex
            start = data.index(after: newline)
            consumed = start - data.startIndex
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                do {
                    let event = try decoder.decode(Event.self, from: line)
                    records.append(Record(event: event, hash: Chain.hash(line), line: lineNumber, start: lineStart, end: consumed))
                } catch let error as DecodingError {
                    throw StoreError.malformed(file: file, line: lineNumber, detail: "not a valid event: " + JSONFormat.explain(error))
                }
            }
            lineNumber += 1
        }
        return Chunk(records: records, consumed: consumed, lines: lineNumber - firstLine, unterminated: data.count - consumed)
    }

    /// One event as a journal line chained to `prev`; returns the line (with its
    /// newline) and the hash the next line must carry.
    static func encode(_ event: Event, prev: String) throws -> (line: Data, hash: String) {
        var chained = event
        chained.prev = prev
        var line = try JSONFormat.encoder(pretty: false).encode(chained)
        let hash = Chain.hash(line)
        line.append(UInt8(ascii: "\n"))
        return (line, hash)
    }
}
