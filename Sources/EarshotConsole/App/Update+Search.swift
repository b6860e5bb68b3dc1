import EarshotCore
import Foundation

/// `/` search with n and N, the filter language, saved views.
extension AppState {
    /// Moves to the next (or previous) listed item matching `search`, wrapping
    /// round; false when nothing matches.
    @discardableResult
    mutating func jumpToMatch(forward: Bool, from start: Int, quiet: Bool = false) -> Bool {
        guard !search.isEmpty, !inboxOrder.isEmpty else {
            if !quiet { message = StatusMessage("no search yet: press / to search", .info) }
            return false
        }
        _ = readySearchIndex()
        let matching = searchIndex?.matches(search) ?? []
        let count = matching.isEmpty ? 0 : inboxOrder.count
        for step in 0..<count {
            let i = ((forward ? start + step : start - step) % count + count) % count
            if matching.contains(inboxOrder[i]) {
                focus = .inbox
                inbox.index = i
                clampCursors()
                if !quiet { message = StatusMessage("/\(search)", .info) }
                return true
            }
        }
        if !quiet { message = StatusMessage("nothing listed matches '\(search)'", .info) }
        return false
    }

    /// Applies a typed filter, or keeps the prompt open pointing at the bad term.
    mutating func submitFilter(_ prompt: inout Prompt, text: String) -> [Effect] {
        guard !text.isEmpty else {
            mode = .normal
            apply(filter: nil, name: nil)
            message = StatusMessage("filter cleared", .info)
            return []
        }
        let checked = Filter.parse(text).flatMap { parsed -> Result<Filter, FilterError> in
            FilterValues.problem(in: parsed, text: text, ws: workspace).map { .failure($0) } ?? .success(parsed)
        }
        switch checked {
        case .success(let parsed):
            mode = .normal
            apply(filter: parsed, name: nil)
            message = StatusMessage("\(inboxOrder.count) match \(text)", .info)
        case .failure(let error):
            prompt.cursor = min(error.column, prompt.text.count)
            mode = .prompt(prompt)
            message = StatusMessage("bad filter at column \(error.column + 1), '\(error.term)': \(error.message)", .refusal)
        }
        return []
    }

    /// The saved views from store.json, or sensible ones when it names none.
    var savedViews: [SavedView] {
        if let views = workspace.config.savedViews, !views.isEmpty { return views }
        var views = [
            SavedView(name: "Escalated", filter: "status:escalated"),
            SavedView(name: "Needs reply", filter: "status:needs-reply"),
            SavedView(name: "Unassigned and open", filter: "is:open is:unassigned"),
        ]
        if me.branch != nil { views.insert(SavedView(name: "My branch", filter: "is:mine is:open"), at: 0) }
        return views
    }

    mutating func openView(_ index: Int) {
        if focus == .drafts { return openDraftView(index) }
        guard focus == .inbox else { return }
        let views = savedViews
        guard views.indices.contains(index) else {
            message = StatusMessage("no saved view \(index + 1); store.json lists \(views.count)", .info)
            return
        }
        switch Filter.parse(views[index].filter) {
        case .success(let parsed):
            apply(filter: parsed, name: views[index].name)
            message = StatusMessage("\(views[index].name): \(inboxOrder.count) items (0 shows everything)", .info)
        case .failure(let error):
            message = StatusMessage("saved view '\(views[index].name)' has a bad filter: \(error.message)", .refusal)
        }
    }
}

extension Action {
    /// The saved-view actions, in the order of their keys 3–9.
    static let views: [Action] = [.view1, .view2, .view3, .view4, .view5, .view6, .view7]
}
