/// A reply template kept in `store.json`, e.g. "Hi {author}, {branch} is open {branch.hours}."
public struct SavedReply: Codable, Hashable, Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Expands `{name}` placeholders in saved replies. `{{` and `}}` stand for
/// literal braces. A placeholder with no value is left exactly as typed, so a
/// mistake stays visible in the composer instead of vanishing from the reply.
public enum Template {
    /// Names `values(item:me:branch:)` fills, for help text and checks.
    public static let standardNames = ["author", "author.handle", "channel", "branch", "branch.hours", "me", "me.first"]

    public static func expand(_ text: String, values: [String: String]) -> String {
        var out = ""
        for piece in scan(text) {
            switch piece {
            case .literal(let s): out += s
            case .placeholder(let name, let raw): out += values[name] ?? raw
            }
        }
        return out
    }

    /// Placeholder names in order of first appearance, each once; escaped braces excluded.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        for case .placeholder(let name, _) in scan(text) where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// Placeholders `values` cannot fill; the composer warns about these before sending.
    public static func unfilled(in text: String, values: [String: String]) -> [String] {
        placeholders(in: text).filter { values[$0] == nil }
    }

    /// The standard values for replying to `item`. Names that would be empty
    /// (no branch, no hours) are left out, so their placeholders stay visible.
    public static func values(item: InboxItem, me: StaffMember, branch: Branch?) -> [String: String] {
        let author = item.author.displayName.trimmingCharacters(in: .whitespaces)
        var values: [String: String] = [
            "author": author.isEmpty ? item.author.handle : author,
            "author.handle": item.author.handle,
            "channel": item.channel.displayName,
            "me": me.name,
            "me.first": me.name.split(separator: " ").first.map(String.init) ?? me.name,
        ]
        if let branch {
            values["branch"] = branch.name
            if let hours = branch.hours { values["branch.hours"] = hours.summary }
        }
        return values
    }

    enum Piece: Equatable {
        case literal(String)
        case placeholder(name: String, raw: String)
    }

    /// Splits text into literals and placeholders. A brace that does not open a
    /// well-formed `{name}` is just a character.
    static func scan(_ text: String) -> [Piece] {
        let chars = Array(text)
        var pieces: [Piece] = []
        var literal = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            if (c == "{" || c == "}"), next == c {
                literal.append(c)
                i += 2
                continue
            }
            if c == "{", let close = closing(chars, from: i + 1) {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                let name = String(chars[(i + 1)..<close])
                pieces.append(.placeholder(name: name, raw: "{\(name)}"))
                i = close + 1
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Index of the `}` ending a placeholder name that starts at `start`, if the
    /// name is non-empty and made of letters, digits, '.', '_' or '-'.
    private static func closing(_ chars: [Character], from start: Int) -> Int? {
        var j = start
        while j < chars.count, chars[j] != "}" {
            let c = chars[j]
            guard c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" else { return nil }
            j += 1
        }
        return j < chars.count && j > start ? j : nil
    }
}
