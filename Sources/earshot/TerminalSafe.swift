import Foundation
import Terminal

/// Whatever a CLI verb prints may hold text from the public (handles, comments,
/// reasons): it is made harmless to a terminal here, as the console does on screen.
enum TerminalSafe {
    /// One line of a table: escapes and controls neutralised, and no newline, so a
    /// hostile handle can neither act on the terminal nor fake a row of its own.
    static func line(_ text: String) -> String {
        Sanitizer.clean(text).replacingOccurrences(of: "\n", with: "⏎")
    }

    /// Free text (error messages) keeps its line breaks.
    static func text(_ text: String) -> String {
        Sanitizer.clean(text)
    }

    /// JSON as JSONEncoder writes it, with the characters it leaves raw but a
    /// terminal may act on (C1 controls, DEL, bidi and invisible format characters)
    /// written as \u escapes: the same JSON value, harmless on a screen.
    static func json(_ encoded: String) -> String {
        var out = ""
        out.reserveCapacity(encoded.utf8.count)
        for scalar in encoded.unicodeScalars {
            let v = scalar.value
            if v == 0x7F || (0x80...0x9F).contains(v) || scalar.properties.generalCategory == .format
                || (0x2028...0x2029).contains(v) {
                out += String(format: "\\u%04x", v)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
