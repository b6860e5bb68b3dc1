// For terminals without a UTF-8 locale: every grapheme becomes ASCII of the same
// width, so layout is unchanged and nothing is drawn as mojibake.
import Foundation

extension Frame {
    /// A copy where non-ASCII graphemes become ASCII: accents folded (é -> e),
    /// common symbols approximated, anything else "?" ("??" for two columns).
    public func asciiFolded() -> Frame {
        var out = self
        for y in 0..<size.height {
            var x = 0
            while x < size.width {
                let cell = self[x, y]
                let wide = x + 1 < size.width && self[x + 1, y].isContinuation
                if !cell.grapheme.unicodeScalars.allSatisfy(\.isASCII) {
                    if wide {
                        out.set(x: x, y: y, Cell(grapheme: "?", style: cell.style))
                        out.set(x: x + 1, y: y, Cell(grapheme: "?", style: self[x + 1, y].style))
                    } else {
                        out.set(x: x, y: y, Cell(grapheme: AsciiFold.fold(cell.grapheme), style: cell.style))
                    }
                }
                x += wide ? 2 : 1
            }
        }
        return out
    }
}

public enum AsciiFold {
    /// One ASCII character standing in for a one-column grapheme.
    public static func fold(_ grapheme: String) -> String {
        if grapheme.unicodeScalars.allSatisfy(\.isASCII) { return grapheme }
        if let first = grapheme.unicodeScalars.first, let mapped = symbols[first.value] {
            return String(mapped)
        }
        // Canonical decomposition splits é into e + U+0301; keep the base letter.
        let base = grapheme.decomposedStringWithCanonicalMapping.unicodeScalars.first
        if let base, base.isASCII, base.value >= 0x20, base.value < 0x7F {
            return String(Character(base))
        }
        return "?"
    }

    /// Letters without a decomposition and the symbols a UI commonly draws.
    private static let symbols: [UInt32: Character] = [
        0x00A0: " ", 0x00DF: "s", 0x00E6: "a", 0x00C6: "A", 0x00F8: "o", 0x00D8: "O",
        0x0153: "o", 0x0152: "O", 0x0142: "l", 0x0141: "L", 0x0111: "d", 0x0110: "D",
        0x0131: "i", 0x00F0: "d", 0x00D0: "D", 0x00FE: "p", 0x00DE: "P",
        0x2018: "'", 0x2019: "'", 0x201C: "\"", 0x201D: "\"", 0x00AB: "<", 0x00BB: ">",
        0x2013: "-", 0x2014: "-", 0x2026: ".", 0x2022: "*", 0x00B7: ".", 0x2219: ".",
        0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x25B6: ">", 0x25B8: ">",
        0x25C0: "<", 0x25B2: "^", 0x25BC: "v", 0x2713: "v", 0x2714: "v", 0x2717: "x",
        0x2718: "x", 0x25CF: "*", 0x25CB: "o", 0x25A0: "#", 0x25A1: "[", 0x2588: "#",
        0x2591: ":", 0x2592: ":", 0x2593: "#", 0xFFFD: "?",
        // Box drawing, light and heavy.
        0x2500: "-", 0x2501: "-", 0x2502: "|", 0x2503: "|", 0x250C: "+", 0x2510: "+",
        0x2514: "+", 0x2518: "+", 0x251C: "+", 0x2524: "+", 0x252C: "+", 0x2534: "+",
        0x253C: "+", 0x256D: "+", 0x256E: "+", 0x256F: "+", 0x2570: "+", 0x2550: "=",
        0x2551: "|", 0x2554: "+", 0x2557: "+", 0x255A: "+", 0x255D: "+",
    ]
}
