import Foundation

/// Finds where a JSON text first goes wrong. Foundation's decoder only says the data
/// "was not valid JSON"; a person repairing a store file needs the line and column.
enum JSONSyntax {
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static func firstProblem(in data: Data) -> Problem? {
        var scanner = Scanner(bytes: [UInt8](data))
        do {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.index < scanner.bytes.count { throw scanner.problem("unexpected text after the end of the JSON value") }
            return nil
        } catch {
            return error as? Problem
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func problem(_ message: String) -> Problem {
            var line = 1
            var lineStart = 0
            for i in 0..<min(index, bytes.count) where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            return Problem(line: line, column: index - lineStart + 1, message: message)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            skipSpace()
            guard current == c else { throw problem("expected \(what)") }
            index += 1
        }

        mutating func value(depth: Int) throws {
            guard depth < 512 else { throw problem("nested too deeply") }
            skipSpace()
            guard let c = current else { throw problem("unexpected end of file") }
            switch c {
            case UInt8(ascii: "{"):
                index += 1
                skipSpace()
                if current == UInt8(ascii: "}") { index += 1; return }
                while true {
                    skipSpace()
                    guard current == UInt8(ascii: "\"") else { throw problem("expected a quoted field name") }
                    try string()
                    try expect(UInt8(ascii: ":"), "':' after a field name")
                    try value(depth: depth + 1)
                    skipSpace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return
                }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if current == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try value(depth: depth + 1)
                    skipSpace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return
                }
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                index += 1
                while let d = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(d) || d == UInt8(ascii: ".")
                    || d == UInt8(ascii: "e") || d == UInt8(ascii: "E") || d == UInt8(ascii: "+") || d == UInt8(ascii: "-") {
                    index += 1
                }
            default:
                throw problem("unexpected character '\(String(decoding: [c], as: UTF8.self))'")
            }
        }

        mutating func string() throws {
            index += 1
            while let c = current {
                index += 1
                if c == UInt8(ascii: "\\") { index += 1 } else if c == UInt8(ascii: "\"") { return }
                else if c < 0x20 { index -= 1; throw problem("control character inside a string") }
            }
            throw problem("unterminated string")
        }

        mutating func literal(_ word: String) throws {
            for b in word.utf8 {
                guard current == b else { throw problem("unexpected character") }
                index += 1
            }
        }
    }
}
