// Undo and redo for TextEditor. A step is a list of edits undone together, so a typed
// word, a run of backspaces or a whole paste each go back in one keystroke.

struct EditorHistory: Sendable, Equatable {
    /// What kind of small edit the newest step holds, while it may still grow.
    enum Group: Sendable, Equatable { case word, space, backspace, forwardDelete }

    /// Old steps beyond this are forgotten, bounding memory in a long session.
    static let limit = 500

    private var undoSteps: [[Edit]] = []
    private var redoSteps: [[Edit]] = []
    private var open: Group?

    var canUndo: Bool { !undoSteps.isEmpty }
    var canRedo: Bool { !redoSteps.isEmpty }

    /// Records an edit; `group` nil makes it a step of its own (paste, Ctrl-K…).
    mutating func record(_ edit: Edit, group: Group?) {
        redoSteps.removeAll()
        if let group, let open, Self.continues(open, with: group),
           let last = undoSteps.last?.last, last.cursorAfter == edit.cursorBefore {
            undoSteps[undoSteps.count - 1].append(edit)
        } else {
            undoSteps.append([edit])
            if undoSteps.count > Self.limit { undoSteps.removeFirst() }
        }
        self.open = group
    }

    /// A movement or any other pause ends the step being typed.
    mutating func close() { open = nil }

    mutating func takeUndo() -> [Edit]? {
        close()
        guard let step = undoSteps.popLast() else { return nil }
        redoSteps.append(step)
        return step
    }

    mutating func takeRedo() -> [Edit]? {
        close()
        guard let step = redoSteps.popLast() else { return nil }
        undoSteps.append(step)
        return step
    }

    /// Letters after spaces join the spaces' step; a space after letters starts a new one,
    /// so "hello world" undoes as " world", then "hello".
    private static func continues(_ open: Group, with next: Group) -> Bool {
        switch (open, next) {
        case (.word, .word), (.space, .space), (.space, .word): return true
        case (.backspace, .backspace), (.forwardDelete, .forwardDelete): return true
        default: return false
        }
    }
}
