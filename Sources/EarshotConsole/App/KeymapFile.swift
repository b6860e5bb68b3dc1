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
                    throw Problem(description: "keymap.json: unknown action '\(actionName)'")
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
        return keymap
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
