// Text from outside (messages, names, titles) is hostile: an escape sequence in a
// chat message could retitle the window, write the clipboard (OSC 52) or repaint
// the screen. Everything that can act on a terminal is removed here, visibly.

public enum Sanitizer {
    /// Shown where a control or escape sequence was, so a moderator can see it.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Removes escape sequences (7-bit and 8-bit), C0/C1 controls except "\n",
    /// DEL, bidi controls (each shown as U+FFFD) and invisible characters (dropped).
    /// "\t" becomes a space and "\r\n" a plain "\n".
    public static func clean(_ s: String) -> String {
        // Fast path: most text has nothing to remove.
        if !s.unicodeScalars.contains(where: needsWork) { return s }
        let input = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < input.count {
            let c = input[i]
            switch c.value {
            case 0x1B:
                i = skipEscape(input, from: i + 1)
                out.append(replacement)
                continue
            case 0x9B:
                i = skipCSI(input, from: i + 1)
                out.append(replacement)
                continue
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // DCS, SOS, OSC, PM, APC
                i = skipString(input, from: i + 1)
                out.append(replacement)
                continue
            case 0x0A:
                out.append(c)
            case 0x09:
                out.append(" ")
            case 0x0D:
                // A CR before LF is a Windows line end; a lone CR could overwrite the line.
                if i + 1 < input.count, input[i + 1].value == 0x0A { break }
                out.append(replacement)
            case 0x00...0x1F, 0x7F...0x9F:
                out.append(replacement)
            case 0x2028, 0x2029:
                out.append(" ")
            default:
                if isBidiControl(c.value) {
                    out.append(replacement)
                } else if !isInvisible(c.value) {
                    out.append(c)
                }
            }
            i += 1
        }
        return String(out)
    }

    // MARK: - Classification

    private static func needsWork(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x20 { return v != 0x0A }
        if v < 0x7F { return false }
        return v <= 0x9F || v == 0x2028 || v == 0x2029 || isBidiControl(v) || isInvisible(v)
    }

    /// Characters that reorder the text around them (Trojan Source style spoofing).
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Characters that take no space and hide text differences. ZWJ (U+200D) and
    /// ZWNJ (U+200C) are kept: emoji sequences and several scripts need them.
    /// Tag characters (U+E0000–E007F) can spell a hidden message after any character.
    static func isInvisible(_ v: UInt32) -> Bool {
        v == 0x200B || (0x2060...0x2064).contains(v) || v == 0xFEFF || v == 0x00AD
            || v == 0x180E || (0xFFF9...0xFFFB).contains(v) || (0xE0000...0xE007F).contains(v)
    }

    // MARK: - Escape sequences (ECMA-48)

    /// After ESC: returns the index just past the whole sequence.
    private static func skipEscape(_ input: [Unicode.Scalar], from start: Int) -> Int {
        guard start < input.count else { return start }
        switch input[start].value {
        case 0x5B: return skipCSI(input, from: start + 1)                   // ESC [
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: return skipString(input, from: start + 1)  // ] P X ^ _
        default:
            // nF sequences: intermediates 0x20–0x2F then one final 0x30–0x7E (e.g. ESC ( B, ESC c).
            var i = start
            while i < input.count, (0x20...0x2F).contains(input[i].value) { i += 1 }
            if i < input.count, (0x30...0x7E).contains(input[i].value) { i += 1 }
            return i
        }
    }

    /// After CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final 0x40–0x7E.
    /// Stops early at anything else so a malformed sequence cannot swallow text.
    private static func skipCSI(_ input: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < input.count, (0x30...0x3F).contains(input[i].value) { i += 1 }
        while i < input.count, (0x20...0x2F).contains(input[i].value) { i += 1 }
        if i < input.count, (0x40...0x7E).contains(input[i].value) { i += 1 }
        return i
    }

    /// After OSC/DCS/SOS/PM/APC: the payload runs to BEL, ST (ESC \ or 0x9C),
    /// CAN/SUB (which abort it in real terminals) or the end of the text.
    private static func skipString(_ input: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < input.count {
            switch input[i].value {
            case 0x07, 0x9C, 0x18, 0x1A: return i + 1
            case 0x1B:
                if i + 1 < input.count, input[i + 1].value == 0x5C { return i + 2 }
                return i  // A new sequence starts; let the caller handle it.
            default: i += 1
            }
        }
        return i
    }
}
