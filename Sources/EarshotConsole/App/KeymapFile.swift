import Foundation
import Terminal

/// Rebinding keys: `$XDG_CONFIG_HOME/earshot/keymap.json` names, per pane, the
/// keys for any action, e.g. `{"inbox": {"markHandled": ["x", "Enter"]}, "global": {"quit": ["Q"]}}`.
/// The named keys replace the standard ones for that action; help and the
/// palette show whatever is bound.
public enum KeymapFile {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func load(_ data: Data, over base: Keymap = .standard) throws -> Keymap {
        let json: [String: [String: [String]]]
        do {
            json = try JSONDecoder().decode([String: [String: [String]]].self, from: data)
        } catch {
            throw Problem(description: "keymap.json must map a pane (global, inbox, drafts) to {action: [keys]}")
        }
        var keymap = base
        for (paneName, actions) in json {
            guard let context = KeyContext(rawValue: paneName) else {
                throw Problem(description: "keymap.json: unknown pane '\(paneName)'; use global, inbox or drafts")
            }
            for (actionName, keyNames) in actions {
                guard let action = Action(rawValue: actionName) else {
                    let names = Action.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Problem(description: "keymap.json: unknown action '\(actionName)'; the actions (as the palette names them) are: \(names)")
                }
                let keys = try keyNames.map { name -> Key in
                    guard let key = parseKey(name) else { throw Problem(description: "keymap.json: unknown key '\(name)' for \(actionName)") }
                    return key
                }
                if let i = keymap.bindings.firstIndex(where: { $0.action == action && $0.context == context }) {
                    keymap.bindings[i].keys = keys
                } else if let template = keymap.bindings.first(where: { $0.action == action }) {
                    keymap.bindings.append(Binding(action: action, keys: keys, help: template.help, context: context, hint: nil))
                }
            }
        }
        if let conflict = conflicts(in: keymap).first { throw Problem(description: "keymap.json: \(conflict)") }
        return keymap
    }

    /// Keys that would mean two things in one pane (its own bindings and the global
    /// ones together): one of them could never be reached.
    public static func conflicts(in keymap: Keymap) -> [String] {
        var found: [String] = []
        for context in [KeyContext.inbox, .drafts] {
            var seen: [Key: Action] = [:]
            var order: [Key] = []
            for binding in keymap.bindings(for: context) {
                for key in binding.keys {
                    if let other = seen[key] {
                        if other != binding.action {
                            found.append("\(key.label(ascii: true)) is bound to both \(other.rawValue) and \(binding.action.rawValue) in the \(context.rawValue) pane")
                        }
                    } else {
                        seen[key] = binding.action
                        order.append(key)
                    }
                }
            }
        }
        var unique: [String] = []
        for f in found where !unique.contains(f) { unique.append(f) }
        return unique
    }

    /// "x", "Enter", "Esc", "Tab", "S-Tab", "Space", "Up", "Down", "Left", "Right",
    /// "Home", "End", "PgUp", "PgDn", "Bksp", "Del", "C-x".
    static func parseKey(_ name: String) -> Key? {
        switch name {
        case "Enter": return .enter
        case "Esc": return .escape
        case "Tab": return .tab
        case "S-Tab": return .backTab
        case "Space": return .char(" ")
        case "Up": return .up
        case "Down": return .down
        case "Left": return .left
        case "Right": return .right
        case "Home": return .home
        case "End": return .end
        case "PgUp": return .pageUp
        case "PgDn": return .pageDown
        case "Bksp": return .backspace
        case "Del": return .delete
        default:
            if name.count == 1, let c = name.first { return .char(c) }
            if name.hasPrefix("C-"), name.count == 3, let c = name.last, c.isLetter { return .ctrl(Character(c.lowercased())) }
            return nil
        }
    }
}
