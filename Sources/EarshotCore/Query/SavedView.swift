/// A named filter kept in `store.json`, one key away in the inbox.
public struct SavedView: Codable, Hashable, Sendable {
    public var name: String
    /// Filter text, as `Filter.parse` reads it.
    public var filter: String
    /// A single character that jumps to the view; nil for none.
    public var key: String?

    public init(name: String, filter: String, key: String? = nil) {
        self.name = name
        self.filter = filter
        self.key = key
    }

    /// Human messages for a view that cannot work as written; empty when it is fine.
    /// Views are hand-edited in store.json, so fsck and the console both ask.
    public func validate() -> [String] {
        var problems: [String] = []
        let label = name.isEmpty ? "a saved view" : "saved view '\(name)'"
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("a saved view has no name") }
        if case .failure(let error) = Filter.parse(filter) {
            problems.append("\(label): \(error.message) at column \(error.column + 1) of its filter")
        }
        if let key {
            if key.count != 1 {
                problems.append("\(label): key '\(key)' must be a single character")
            } else if key.first!.isWhitespace {
                problems.append("\(label): key must be a visible character, not a space")
            }
        }
        return problems
    }

    /// Problems across a list: each view's own, plus two views sharing a key.
    public static func validate(_ views: [SavedView]) -> [String] {
        var problems = views.flatMap { $0.validate() }
        var seen: [String: String] = [:]
        for view in views {
            guard let key = view.key, key.count == 1 else { continue }
            if let other = seen[key] {
                problems.append("saved views '\(other)' and '\(view.name)' both use key '\(key)'")
            } else {
                seen[key] = view.name
            }
        }
        return problems
    }
}

/// How a staff member's reply reaches the platform on a channel.
public enum ReplyRoute: String, Codable, Sendable {
    /// Sent as soon as staff send it.
    case direct
    /// Drafted and passed to a comms officer first.
    case approval
}
