import Terminal

/// Everything a person can ask the console to do from the keyboard.
/// Raw values name actions in a keymap file.
public enum Action: String, CaseIterable, Sendable {
    case quit, help, focusNext, focusPrevious, focusInbox, focusDrafts
    case down, up, top, bottom, pageDown, pageUp, open, back
    case markHandled, markNeedsReply, escalate, hideSpam
    case approve, requestChanges, reject
}

/// Where a binding applies: everywhere, or in one pane.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, inbox, drafts
}

/// A key binding carries its own help text, so `?` and the hint line are generated
/// from the keymap and can never disagree with it.
public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    public var help: String
    public var context: KeyContext
    /// Shown in the one-line hint bar at the bottom.
    public var hint: String?
}

public struct Keymap: Sendable {
    public var bindings: [Binding]

    public func action(for key: Key, in context: KeyContext) -> Action? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
            ?? bindings.first { $0.context == .global && $0.keys.contains(key) }?.action
    }

    /// The bindings of a pane followed by the global ones, as help lists them.
    public func bindings(for context: KeyContext) -> [Binding] {
        bindings.filter { $0.context == context } + bindings.filter { $0.context == .global }
    }

    public static let standard = Keymap(bindings: [
        Binding(action: .markHandled, keys: [.char("d")], help: "mark handled (done)", context: .inbox, hint: "done"),
        Binding(action: .markNeedsReply, keys: [.char("f")], help: "flag: needs a reply", context: .inbox, hint: "needs reply"),
        Binding(action: .escalate, keys: [.char("e")], help: "escalate to comms", context: .inbox, hint: "escalate"),
        Binding(action: .hideSpam, keys: [.char("s")], help: "hide as spam", context: .inbox, hint: "spam"),
        Binding(action: .approve, keys: [.char("a")], help: "approve (comms)", context: .drafts, hint: "approve"),
        Binding(action: .requestChanges, keys: [.char("c")], help: "request changes with a comment (comms)", context: .drafts, hint: "changes"),
        Binding(action: .reject, keys: [.char("x")], help: "reject with a reason (comms)", context: .drafts, hint: "reject"),
        Binding(action: .down, keys: [.char("j"), .down], help: "next row", context: .global),
        Binding(action: .up, keys: [.char("k"), .up], help: "previous row", context: .global),
        Binding(action: .top, keys: [.char("g"), .home], help: "first row", context: .global),
        Binding(action: .bottom, keys: [.char("G"), .end], help: "last row", context: .global),
        Binding(action: .pageDown, keys: [.pageDown, .ctrl("f")], help: "page down", context: .global),
        Binding(action: .pageUp, keys: [.pageUp, .ctrl("b")], help: "page up", context: .global),
        Binding(action: .open, keys: [.enter], help: "open the whole text", context: .global, hint: "open"),
        Binding(action: .back, keys: [.escape], help: "back, close", context: .global),
        Binding(action: .focusNext, keys: [.tab], help: "next pane", context: .global, hint: "pane"),
        Binding(action: .focusPrevious, keys: [.backTab], help: "previous pane", context: .global),
        Binding(action: .focusInbox, keys: [.char("1")], help: "go to the inbox", context: .global),
        Binding(action: .focusDrafts, keys: [.char("2")], help: "go to the drafts", context: .global),
        Binding(action: .help, keys: [.char("?")], help: "help: every key of this pane", context: .global, hint: "help"),
        Binding(action: .quit, keys: [.char("q")], help: "quit", context: .global, hint: "quit"),
    ])
}

extension Key {
    /// How help shows a key: "j", "↓", "Enter", "S-Tab", "C-f".
    public func label(ascii: Bool) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return ascii ? "Up" : "↑"
        case .down: return ascii ? "Down" : "↓"
        case .left: return ascii ? "Left" : "←"
        case .right: return ascii ? "Right" : "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .unknown(let code): return "key \(code)"
        }
    }
}
