import EarshotCore

/// A filter term can be well formed and still name nothing this store knows
/// (`assignee:aisah`, `branch:northgat`, `tag:evnts`): it would quietly match
/// nothing. Such a value is refused like an unknown key, with what is known.
enum FilterValues {
    static func problem(in filter: Filter, text: String, ws: Workspace) -> FilterError? {
        for term in filter.terms {
            guard let key = term.key else { continue }
            let known: [String]
            let what: String
            switch key {
            case "assignee":
                known = ["me", "none"] + ws.staff.map(\.login) + ws.config.branches.map(\.id)
                what = "no one (or branch) called"
            case "branch":
                known = ["none"] + ws.config.branches.map(\.id)
                what = "no branch called"
            case "tag":
                known = Array(Set(ws.items.values.flatMap(\.tags))).sorted()
                what = "no item is tagged"
            default:
                continue
            }
            let folded = Set(known.map(Normaliser.fold))
            for value in term.value.split(separator: ",").map(String.init) where !folded.contains(Normaliser.fold(value)) {
                let column = text.range(of: "\(key):").map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
                let close = Fuzzy.rank(value, known).prefix(3).map { known[$0.index] }
                let hint = close.isEmpty ? "" : "did you mean \(close.joined(separator: " or "))? "
                return FilterError(message: "\(what) '\(value)'; \(hint)known: \(known.joined(separator: ", "))",
                                   term: "\(key):\(term.value)", column: column)
            }
        }
        return nil
    }
}
