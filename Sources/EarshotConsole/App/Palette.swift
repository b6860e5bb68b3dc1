import EarshotCore
import Terminal

/// `:`: every action of the current pane by name, narrowed as you type.
public struct Palette: Sendable, Equatable {
    public var query = ""
    /// The highlighted entry among the matches.
    public var index = 0

    public init() {}

    public struct Entry: Sendable, Equatable {
        public var action: Action
        public var title: String
        public var keys: String
    }

    /// The actions of `context` (pane first, then global) that match the query, best first.
    public static func entries(_ keymap: Keymap, context: KeyContext, query: String, ascii: Bool) -> [Entry] {
        var seen = Set<Action>()
        let all = keymap.bindings(for: context).compactMap { b -> Entry? in
            guard seen.insert(b.action).inserted else { return nil }
            return Entry(action: b.action, title: b.help, keys: b.keys.map { $0.label(ascii: ascii) }.joined(separator: " "))
        }
        guard !query.isEmpty else { return all }
        return Fuzzy.rank(query, all.map { "\($0.title) \($0.action.rawValue)" }).map { all[$0.index] }
    }
}

extension AppState {
    mutating func handlePalette(_ key: Key, _ palette: inout Palette) -> [Effect] {
        let matches = Palette.entries(keymap, context: focus.context, query: palette.query, ascii: glyphs.ascii)
        switch key {
        case .escape:
            mode = .normal
            return []
        case .enter:
            mode = .normal
            guard matches.indices.contains(palette.index) else { return [] }
            return perform(matches[palette.index].action)
        case .down, .ctrl("n"), .tab:
            palette.index = min(palette.index + 1, max(0, matches.count - 1))
        case .up, .ctrl("p"), .backTab:
            palette.index = max(0, palette.index - 1)
        case .backspace:
            if palette.query.isEmpty { mode = .normal; return [] }
            palette.query.removeLast()
            palette.index = 0
        case .char(let c):
            palette.query.append(c)
            palette.index = 0
        default:
            break
        }
        mode = .palette(palette)
        return []
    }
}
