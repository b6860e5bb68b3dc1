import Foundation

/// Turns the HTML platforms send (Mastodon statuses, WordPress comments, feed
/// entries) into plain text: paragraphs and line breaks kept, links kept as text
/// (with their address when the text hides it), mentions and hashtags as written,
/// entities decoded, scripts and styles dropped. Never fails: bad markup is text.
public enum HTMLText {
    public static func plain(_ html: String) -> String {
        var out = ""
        var link: (href: String, start: String.Index)?
        var skipping: String?
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let next = html[html.index(after: i)...].first, next.isLetter || next == "/" || next == "!",
               let close = html[i...].firstIndex(of: ">") {
                let inner = html[html.index(after: i)..<close]
                let tag = Tag(inner)
                i = html.index(after: close)
                if let s = skipping {
                    if tag.closing && tag.name == s { skipping = nil }
                    continue
                }
                switch tag.name {
                case "script", "style":
                    if !tag.closing && !tag.selfClosing { skipping = tag.name }
                case "br":
                    out += "\n"
                case "p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6":
                    if !out.isEmpty, !out.hasSuffix("\n\n") { out += out.hasSuffix("\n") ? "\n" : "\n\n" }
                case "a":
                    if tag.closing {
                        if let l = link {
                            let shown = String(out[l.start...]).trimmingCharacters(in: .whitespaces)
                            if Self.needsAddress(shown: shown, href: l.href) { out += " (\(l.href))" }
                        }
                        link = nil
                    } else if let href = tag.attribute("href") {
                        link = (decodeEntities(href), out.endIndex)
                    }
                default:
                    break
                }
                continue
            }
            if skipping != nil { i = html.index(after: i); continue }
            if c == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let entity = String(html[i...semi])
                if let decoded = decode(entity: entity) {
                    out += decoded
                    i = html.index(after: semi)
                    continue
                }
            }
            out.append(c == "\r\n" || c == "\n" || c == "\t" ? " " : c)
            i = html.index(after: i)
        }
        return tidy(out)
    }

    /// Decodes entities in text that is otherwise plain (X escapes &, < and >).
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "&", let semi = text[i...].prefix(12).firstIndex(of: ";"),
               let decoded = decode(entity: String(text[i...semi])) {
                out += decoded
                i = text.index(after: semi)
            } else {
                out.append(text[i])
                i = text.index(after: i)
            }
        }
        return out
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "pound": "£", "euro": "€", "copy": "©", "reg": "®", "trade": "™", "middot": "·", "bull": "•",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "ouml": "ö", "uuml": "ü", "auml": "ä",
        "ccedil": "ç", "szlig": "ß", "iexcl": "¡", "iquest": "¿", "deg": "°", "times": "×", "frac12": "½",
    ]

    /// "&amp;", "&#39;", "&#x1F600;"; nil when it is not an entity (left as written).
    /// Numbers that name no character (0, surrogates, past U+10FFFF) become U+FFFD.
    static func decode(entity: String) -> String? {
        let body = entity.dropFirst().dropLast()
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[String(body)]
    }

    /// Show the address after a link whose text does not already say it.
    static func needsAddress(shown: String, href: String) -> Bool {
        if shown.isEmpty || shown.hasPrefix("@") || shown.hasPrefix("#") { return false }
        let bare = href.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        let shownBare = shown.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        if bare == shownBare || bare.hasPrefix(shownBare.replacingOccurrences(of: "…", with: "")) { return false }
        return true
    }

    /// Runs of spaces become one, no more than one blank line, no space at line ends.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = raw.split(whereSeparator: { $0 == " " })
            let line = words.joined(separator: " ")
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// An HTML tag's name and attributes, read leniently.
    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var rest: Substring

        init(_ inner: Substring) {
            var s = inner.drop(while: { $0 == " " })
            closing = s.hasPrefix("/")
            if closing { s = s.dropFirst() }
            selfClosing = s.hasSuffix("/")
            let nameEnd = s.firstIndex(where: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "\t" }) ?? s.endIndex
            name = s[..<nameEnd].lowercased()
            rest = s[nameEnd...]
        }

        func attribute(_ key: String) -> String? {
            guard let range = rest.range(of: key + "=", options: .caseInsensitive) else { return nil }
            var value = rest[range.upperBound...]
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst()
                return String(value.prefix(while: { $0 != quote }))
            }
            return String(value.prefix(while: { $0 != " " && $0 != ">" }))
        }
    }
}
