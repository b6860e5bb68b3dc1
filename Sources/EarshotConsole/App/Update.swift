import EarshotCore
import Foundation
import Terminal

extension AppState {
    /// The one place state changes: a message in, effects out. Pure, so every key
    /// and every refusal is tested without a terminal.
    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return handle(key)
        case .resize(let newSize):
            size = newSize
            clampCursors()
            return []
        case .tick(let date):
            now = date
            refreshSummary()
            return []
        case .storeChanged(let ws, let events):
            replaceWorkspace(ws, events: events)
            return []
        case .commandFinished(let request, let result):
            switch result {
            case .success(let event):
                message = StatusMessage(Outcome.describe(event, in: workspace), .success)
                advanceAfterTriage(request)
            case .failure(let refusal):
                message = StatusMessage(refusal.message, .refusal)
            }
            return []
        case .storeFailed(_, let text):
            message = StatusMessage(text, .warning)
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if Layout(size: size, focus: focus).tooSmall {
            return key == .char("q") || key == .ctrl("c") ? [.quit] : []
        }
        switch mode {
        case .prompt(var prompt):
            return handlePrompt(key, &prompt)
        case .help(let scroll):
            return handleHelp(key, scroll: scroll)
        case .normal, .detail:
            guard let action = keymap.action(for: key, in: focus.context) else {
                if key == .ctrl("c") { return [.quit] }
                return []
            }
            return perform(action)
        }
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let layout = Layout(size: size, focus: focus)
        switch action {
        case .quit:
            return [.quit]
        case .help:
            mode = .help(scroll: 0)
        case .back:
            mode = .normal
        case .open:
            if focus == .inbox ? selectedItem != nil : selectedDraft != nil { mode = .detail(scroll: 0) }
        case .focusNext, .focusPrevious:
            setFocus(focus == .inbox ? .drafts : .inbox)
        case .focusInbox:
            setFocus(.inbox)
        case .focusDrafts:
            setFocus(.drafts)
        case .down, .up, .top, .bottom, .pageDown, .pageUp:
            if case .detail(let scroll) = mode {
                mode = .detail(scroll: Self.scrolled(scroll, by: action, page: layout.body.height - 2))
            } else {
                let rows = focus == .inbox ? layout.inboxRows : layout.draftRows
                moveCursor(action, page: rows)
            }
        case .markHandled: return triage(.handled)
        case .markNeedsReply: return triage(.needsReply)
        case .escalate: return triage(.escalated)
        case .hideSpam: return triage(.hidden)
        case .approve:
            guard let draft = reviewTarget() else { return [] }
            return [.send(Request(.approve(draft: draft.id, revision: draft.current.number), by: me.login, basedOn: draft.version))]
        case .requestChanges, .reject:
            guard let draft = reviewTarget() else { return [] }
            let rev = draft.current.number
            let command: Command = action == .reject
                ? .reject(draft: draft.id, revision: rev, reason: "")
                : .requestChanges(draft: draft.id, revision: rev, comment: "")
            // Ask before typing: a refused reviewer should not write a comment for nothing.
            // The store still decides, and records the refusal.
            let probe: Command = action == .reject
                ? .reject(draft: draft.id, revision: rev, reason: "?")
                : .requestChanges(draft: draft.id, revision: rev, comment: "?")
            if case .failure = Rules.decide(Request(probe, by: me.login, basedOn: draft.version), in: workspace, at: now) {
                return [.send(Request(command, by: me.login, basedOn: draft.version))]
            }
            let purpose: Prompt.Purpose = action == .reject
                ? .reject(draft: draft.id, revision: rev, basedOn: draft.version)
                : .requestChanges(draft: draft.id, revision: rev, basedOn: draft.version)
            let label = action == .reject ? "Reject \(draft.id) r\(rev), reason: " : "Changes to \(draft.id) r\(rev): "
            mode = .prompt(Prompt(purpose: purpose, label: label))
        }
        return []
    }

    // MARK: Actions

    private mutating func triage(_ status: ItemStatus) -> [Effect] {
        guard focus == .inbox else {
            message = StatusMessage("triage keys work in the inbox; press 1 to go there", .info)
            return []
        }
        guard let item = selectedItem else { return [] }
        return [.send(Request(.triage(item: item.id, to: status), by: me.login, basedOn: item.version))]
    }

    private mutating func reviewTarget() -> Draft? {
        guard focus == .drafts else {
            message = StatusMessage("approval keys work in the drafts pane; press 2 to go there", .info)
            return nil
        }
        return selectedDraft
    }

    /// After a triage the next row is usually the next one to read.
    private mutating func advanceAfterTriage(_ request: Request) {
        guard case .triage(let id, let status) = request.command, status != .hidden,
              selectedItem?.id == id, focus == .inbox, mode == .normal else { return }
        moveCursor(.down, page: Layout(size: size, focus: focus).inboxRows)
    }

    private mutating func setFocus(_ pane: Pane) {
        focus = pane
        if case .detail = mode { mode = .normal }
        clampCursors()
    }

    private mutating func moveCursor(_ action: Action, page: Int) {
        let count = focus == .inbox ? inboxOrder.count : draftOrder.count
        var cursor = focus == .inbox ? inbox : drafts
        switch action {
        case .down: cursor.index += 1
        case .up: cursor.index -= 1
        case .top: cursor.index = 0
        case .bottom: cursor.index = count - 1
        case .pageDown: cursor.index += max(1, page - 1); cursor.offset += max(1, page - 1)
        case .pageUp: cursor.index -= max(1, page - 1); cursor.offset -= max(1, page - 1)
        default: break
        }
        cursor.clamp(count: count, height: page)
        if focus == .inbox { inbox = cursor } else { drafts = cursor }
    }

    mutating func clampCursors() {
        let layout = Layout(size: size, focus: focus)
        inbox.clamp(count: inboxOrder.count, height: layout.inboxRows)
        drafts.clamp(count: draftOrder.count, height: layout.draftRows)
    }

    private static func scrolled(_ scroll: Int, by action: Action, page: Int) -> Int {
        switch action {
        case .down: max(0, scroll + 1)
        case .up: max(0, scroll - 1)
        case .top: 0
        case .bottom: Int.max / 2  // clamped when drawn, where the text's length is known
        case .pageDown: scroll + max(1, page)
        case .pageUp: max(0, scroll - max(1, page))
        default: scroll
        }
    }

    // MARK: Overlays

    private mutating func handleHelp(_ key: Key, scroll: Int) -> [Effect] {
        switch keymap.action(for: key, in: focus.context) {
        case .help, .back, .quit: mode = .normal
        case .down: mode = .help(scroll: scroll + 1)
        case .up: mode = .help(scroll: max(0, scroll - 1))
        default: break
        }
        return []
    }

    private mutating func handlePrompt(_ key: Key, _ prompt: inout Prompt) -> [Effect] {
        var chars = Array(prompt.text)
        switch key {
        case .escape:
            mode = .normal
            message = StatusMessage("cancelled; nothing was sent", .info)
            return []
        case .enter:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                message = StatusMessage("type a few words first, or Esc to cancel", .info)
                return []
            }
            mode = .normal
            let command: Command
            let basedOn: Int
            switch prompt.purpose {
            case .requestChanges(let id, let rev, let base):
                command = .requestChanges(draft: id, revision: rev, comment: text)
                basedOn = base
            case .reject(let id, let rev, let base):
                command = .reject(draft: id, revision: rev, reason: text)
                basedOn = base
            }
            return [.send(Request(command, by: me.login, basedOn: basedOn))]
        case .char(let c):
            chars.insert(c, at: prompt.cursor)
            prompt.cursor += 1
        case .backspace:
            if prompt.cursor > 0 {
                chars.remove(at: prompt.cursor - 1)
                prompt.cursor -= 1
            }
        case .delete:
            if prompt.cursor < chars.count { chars.remove(at: prompt.cursor) }
        case .left: prompt.cursor = max(0, prompt.cursor - 1)
        case .right: prompt.cursor = min(chars.count, prompt.cursor + 1)
        case .home, .ctrl("a"): prompt.cursor = 0
        case .end, .ctrl("e"): prompt.cursor = chars.count
        case .ctrl("u"):
            chars.removeSubrange(0..<prompt.cursor)
            prompt.cursor = 0
        default:
            return []
        }
        // One line only, and never longer than the rules accept.
        prompt.text = String(chars.prefix(2000))
        prompt.cursor = min(prompt.cursor, prompt.text.count)
        mode = .prompt(prompt)
        return []
    }
}
