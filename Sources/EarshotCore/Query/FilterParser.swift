/// Reads filter text into terms, refusing anything it cannot read with a
/// message that points at the term, rather than guessing what was meant.
enum FilterParser {
    static let keys = ["status", "channel", "branch", "tag", "assignee", "is", "age", "author"]
    static let statuses = ItemStatus.allCases.map(\.rawValue) + ["open", "closed"]
    static let states = ["unassigned", "assigned", "open", "closed", "mine", "overdue", "due-soon"]
    static let channelAliases: [String: Channel] = ["twitter": .x, "fb": .facebook, "bsky": .bluesky]
    /// Keys whose value may list alternatives separated by commas.
    static let listKeys: Set<String> = ["status", "channel", "branch", "tag", "assignee", "is"]

    static func channel(_ name: String) -> Channel? {
        let lower = name.lowercased()
        return Channel(rawValue: lower) ?? channelAliases[lower]
    }

    /// A term as typed, before its value is checked.
    struct Token {
        var key: String?
        var value: String
        var negated: Bool
        var quoted: Bool
        var raw: String
        var column: Int
    }

    static func parse(_ text: String) -> Result<Filter, FilterError> {
        let chars = Array(text)
        var i = 0
        var terms: [Filter.Term] = []
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            switch token(chars, at: &i) {
            case .failure(let error): return .failure(error)
            case .success(let token):
                switch term(token) {
                case .failure(let error): return .failure(error)
                case .success(let term): terms.append(term)
                }
            }
        }
        return .success(Filter(terms: terms))
    }

    /// Reads one whitespace-separated term. Quotes group words anywhere in it,
    /// shell-style; only a ':' before any quote separates a key.
    static func token(_ chars: [Character], at i: inout Int) -> Result<Token, FilterError> {
        let start = i
        var negated = false
        if chars[i] == "-" {
            negated = true
            i += 1
        }
        var key: String?
        var buffer = ""
        var inQuote = false
        var quoted = false
        while i < chars.count, inQuote || !chars[i].isWhitespace {
            let c = chars[i]
            if c == "\"" {
                inQuote.toggle()
                quoted = true
            } else if c == ":", !inQuote, !quoted, key == nil {
                key = buffer
                buffer = ""
            } else {
                buffer.append(c)
            }
            i += 1
        }
        let raw = String(chars[start..<i])
        func fail(_ message: String) -> Result<Token, FilterError> {
            .failure(FilterError(message: message, term: raw, column: start))
        }
        if inQuote { return fail("unterminated quote: add a closing \"") }
        if negated, key == nil, buffer.isEmpty, !quoted {
            return fail("a lone '-' negates nothing: write it before a term, as in -tag:spam")
        }
        if let key, key.isEmpty { return fail("':' needs a key before it, as in tag:\(buffer); quote the word to search for it") }
        return .success(Token(key: key?.lowercased(), value: buffer, negated: negated, quoted: quoted, raw: raw, column: start))
    }

    /// Checks a token's key and value and puts the value in canonical form.
    private static func term(_ t: Token) -> Result<Filter.Term, FilterError> {
        func fail(_ message: String) -> Result<Filter.Term, FilterError> {
            .failure(FilterError(message: message, term: t.raw, column: t.column))
        }
        func ok(_ value: String) -> Result<Filter.Term, FilterError> {
            .success(Filter.Term(key: t.key, value: value, negated: t.negated))
        }
        guard let key = t.key else {
            if t.value.allSatisfy(\.isWhitespace) { return fail("empty phrase: put words between the quotes") }
            return ok(t.value)
        }
        guard keys.contains(key) else {
            return fail("unknown key '\(key)' (keys: \(keys.joined(separator: ", "))); quote \"\(key):…\" to search for the text")
        }
        let value = t.value.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return fail("\(key): needs a value, as in \(example(key))") }
        var parts = [value]
        if listKeys.contains(key) {
            parts = value.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.contains(where: \.isEmpty) { return fail("empty alternative in '\(t.raw)': remove the extra ','") }
        }
        switch key {
        case "status":
            let lower = parts.map { $0.lowercased() }
            if let bad = lower.first(where: { !statuses.contains($0) }) {
                return fail("unknown status '\(bad)' (try \(statuses.joined(separator: ", ")))")
            }
            return ok(lower.joined(separator: ","))
        case "channel":
            var names: [String] = []
            for part in parts {
                guard let channel = channel(part) else {
                    return fail("unknown channel '\(part)' (try \(Channel.allCases.map(\.rawValue).joined(separator: ", ")), twitter, fb, bsky)")
                }
                names.append(channel.rawValue)
            }
            return ok(names.joined(separator: ","))
        case "is":
            let lower = parts.map { $0.lowercased() }
            if let bad = lower.first(where: { !states.contains($0) }) {
                return fail("unknown is:\(bad) (try \(states.joined(separator: ", ")))")
            }
            return ok(lower.joined(separator: ","))
        case "age":
            guard let bound = AgeBound(value) else {
                return fail("bad age '\(value)' (try age:>2h, age:<30m, age:>=1d or age:3d; units m h d w)")
            }
            return ok(bound.canonical)
        case "assignee":
            // "me" and "none" are words, not logins; keep them recognisable.
            return ok(parts.map { ["me", "none"].contains($0.lowercased()) ? $0.lowercased() : $0 }.joined(separator: ","))
        default:
            return ok(parts.joined(separator: ","))
        }
    }

    private static func example(_ key: String) -> String {
        switch key {
        case "status": "status:open"
        case "channel": "channel:facebook"
        case "branch": "branch:central"
        case "tag": "tag:events"
        case "assignee": "assignee:me"
        case "is": "is:unassigned"
        case "age": "age:>2h"
        default: "author:@sam"
        }
    }
}
