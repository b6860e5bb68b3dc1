import EarshotCore
import Foundation

/// Triage: status changes, bulk selection, assign/tag/note, undo.
extension AppState {
    /// The items an action applies to: the selection if there is one, else the row under the cursor.
    var actionItems: [InboxItem] {
        if !selection.isEmpty {
            return inboxOrder.filter(selection.contains).compactMap { workspace.items[$0] }
        }
        return selectedItem.map { [$0] } ?? []
    }

    mutating func triage(_ status: ItemStatus) -> [Effect] {
        guard focus == .inbox else {
            message = StatusMessage("triage keys work in the inbox; press 1 to go there", .info)
            return []
        }
        let items = actionItems
        guard !items.isEmpty else { return [] }
        return [.send(items.map { Request(.triage(item: $0.id, to: status), by: me.login, basedOn: $0.version) })]
    }

    enum ItemPrompt { case assign, tag, note }

    mutating func openItemPrompt(_ kind: ItemPrompt) {
        let items = actionItems
        guard let first = items.first else { return }
        let ids = items.map(\.id)
        let what = items.count == 1 ? first.author.displayName : "\(items.count) items"
        switch kind {
        case .assign:
            let names = workspace.staff.map(\.login) + workspace.config.branches.map(\.id) + ["nobody"]
            mode = .prompt(Prompt(purpose: .assign(items: ids), label: "Assign \(what) to: ", candidates: names))
        case .tag:
            let inUse = Set(workspace.items.values.flatMap(\.tags)).sorted()
            mode = .prompt(Prompt(purpose: .tag(items: ids), label: "Tags for \(what) (+add -remove): ", candidates: inUse))
        case .note:
            mode = .prompt(Prompt(purpose: .note(item: first.id), label: "Internal note on \(first.author.displayName): "))
        }
    }

    mutating func toggleSelection() {
        guard let id = selectedItem?.id else { return }
        if selection.contains(id) { selection.remove(id) } else { selection.insert(id) }
        moveCursor(.down, page: Layout(size: size, focus: focus).inboxRows)
        message = StatusMessage("\(selection.count) selected; triage keys apply to all, Esc clears", .info)
    }

    mutating func selectAll() {
        selection = Set(inboxOrder)
        message = StatusMessage("all \(selection.count) listed items selected; Esc clears", .info)
    }

    /// Sends the compensating commands for the last step. The store refuses any
    /// item someone else changed since, and says who.
    mutating func undoLast() -> [Effect] {
        guard let step = undoSteps.popLast() else {
            message = StatusMessage("nothing to undo", .info)
            return []
        }
        let requests = step.changes.map { change -> Request in
            let command: Command = switch change.previous {
            case .status(let status): .revert(item: change.item, to: status, undoing: change.event)
            case .assignee(let who): .assign(item: change.item, to: who)
            case .tags(let added, let removed): .tag(item: change.item, add: removed, remove: added)
            }
            return Request(command, by: me.login, basedOn: change.basedOn ?? change.event)
        }
        undoInFlight = true
        return [.send(requests)]
    }

    /// Remembers how to take back what just succeeded. Runs before the new
    /// workspace arrives, so the values before the change are still at hand.
    mutating func recordUndo(for answers: [Answer]) {
        var changes: [UndoStep.Change] = []
        for answer in answers {
            guard case .success(let event) = answer.result else { continue }
            if let item = Self.itemTouched(by: event.change) { followOwnChange(to: item, seq: event.seq) }
            switch event.change {
            case .triaged(let id, let from, _):
                changes.append(.init(item: id, event: event.seq, previous: .status(from)))
            case .assigned(let id, _):
                changes.append(.init(item: id, event: event.seq, previous: .assignee(workspace.items[id]?.assignee)))
            case .tagged(let id, let added, let removed):
                changes.append(.init(item: id, event: event.seq, previous: .tags(added: added, removed: removed)))
            default:
                continue
            }
        }
        guard !changes.isEmpty else { return }
        undoSteps.append(UndoStep(changes: changes))
        if undoSteps.count > 50 { undoSteps.removeFirst() }
    }

    /// Our own later change to an item moves the version earlier undo steps act on.
    private mutating func followOwnChange(to item: String, seq: Int) {
        for s in undoSteps.indices {
            for c in undoSteps[s].changes.indices where undoSteps[s].changes[c].item == item {
                undoSteps[s].changes[c].basedOn = seq
            }
        }
    }

    /// The inbox item an event changes (and so whose version it moves), if any.
    static func itemTouched(by change: EarshotCore.Change) -> String? {
        switch change {
        case .triaged(let id, _, _), .assigned(let id, _), .tagged(let id, _, _), .noted(let id, _), .reverted(let id, _, _, _):
            id
        case .replyDrafted(let draft, _):
            draft.inReplyTo
        default:
            nil
        }
    }

    /// What a finished prompt sends.
    mutating func submitItemPrompt(_ purpose: Prompt.Purpose, text: String) -> [Effect] {
        switch purpose {
        case .assign(let ids):
            let who = text == "nobody" || text == "-" ? nil : text
            return [.send(ids.compactMap { workspace.items[$0] }.map {
                Request(.assign(item: $0.id, to: who), by: me.login, basedOn: $0.version)
            })]
        case .tag(let ids):
            var add: [String] = []
            var remove: [String] = []
            for word in text.split(separator: " ") {
                if word.hasPrefix("-") { remove.append(String(word.dropFirst())) }
                else { add.append(String(word.hasPrefix("+") ? word.dropFirst() : word)) }
            }
            return [.send(ids.compactMap { workspace.items[$0] }.map {
                Request(.tag(item: $0.id, add: add, remove: remove), by: me.login, basedOn: $0.version)
            })]
        case .note(let id):
            return [.send([Request(.note(item: id, text: text), by: me.login)])]
        case .requestChanges, .reject, .filter, .search, .approveAt, .channels, .image, .postTime, .draftFilter, .refused, .reschedule:
            return []
        }
    }
}
