import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Writing a reply: the built-in editor, its menu, templates and sending.
extension AppState {
    mutating func startReply() -> [Effect] {
        guard focus == .inbox, let item = selectedItem else { return [] }
        if let open = composer, open.post != nil || open.item != item.id {
            // One unsent text at a time, so none is ever lost by starting another.
            if open.post == nil { selectItem(open.item) }
            composer?.menu = true
            mode = .compose
            message = StatusMessage("finish or discard your unsent reply first (y sends, x discards)", .info)
            return []
        }
        if composer == nil { composer = Composer(item: item.id, startedAt: now) }
        composer?.menu = false
        mode = .compose
        return []
    }

    mutating func handleComposer(_ key: Key) -> [Effect] {
        guard var c = composer else {
            mode = .normal
            return []
        }
        if c.menu, let effects = handlePostMenu(key, &c) { return effects }
        let item = workspace.items[c.item]
        if c.menu {
            switch key {
            case .char("y") where c.post == nil:
                composer = c
                return sendReply()
            case .char("e"), .enter, .escape:
                c.menu = false
            case .char("t"):
                if let item { insertTemplate(&c, for: item) }
            case .char("x"):
                composer = nil
                mode = .normal
                message = StatusMessage("reply discarded", .info)
                return [.clearWork]
            case .char("q"):
                composer = c
                mode = .normal
                message = StatusMessage("reply kept; r reopens it", .info)
                return [.saveWork(workInProgress(c))]
            default:
                break
            }
            composer = c
            return []
        }
        if key == .escape {
            c.menu = true
            composer = c
            return []
        }
        let before = c.editor.text
        _ = c.editor.handle(key, width: composerWidth)
        if c.editor.text != before, c.unsavedSince == nil { c.unsavedSince = now }
        composer = c
        return []
    }

    /// Columns of the editor in the current layout.
    var composerWidth: Int { max(10, size.width - 2) }

    func workInProgress(_ c: Composer) -> WorkInProgress {
        WorkInProgress(login: me.login, item: c.item, text: c.editor.text, cursor: c.editor.cursor, startedAt: c.startedAt, savedAt: now,
                       channels: c.post?.channels, draft: c.post?.draft)
    }

    private mutating func sendReply() -> [Effect] {
        guard let c = composer else { return [] }
        let text = c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            message = StatusMessage("the reply is empty; e to write, x to discard", .info)
            return []
        }
        let id = nextDraftID
        return [.send([Request(.reply(draft: id, item: c.item, text: text, startedAt: c.startedAt), by: me.login)])]
    }

    /// Once a reply is accepted the composer closes and its saved copy goes.
    mutating func afterReply(_ answers: [Answer]) -> [Effect] {
        for answer in answers {
            guard case .reply(_, let item, _, _) = answer.request.command, composer?.item == item else { continue }
            switch answer.result {
            case .success(let event):
                composer = nil
                mode = .normal
                if case .replyDrafted(let draft, let direct) = event.change {
                    message = StatusMessage(direct ? "Reply sent on \(draft.channels.map(\.displayName).joined())"
                                                   : "Reply \(draft.id) is waiting for approval by comms", .success)
                }
                return [.clearWork]
            case .failure:
                // Keep every word; the refusal (too long, someone else replied) is on the status line.
                composer?.menu = true
                mode = .compose
            }
        }
        return []
    }

    /// Inserts the next saved reply, placeholders filled in, at the cursor.
    private mutating func insertTemplate(_ c: inout Composer, for item: InboxItem) {
        let replies = workspace.config.savedReplies ?? []
        guard !replies.isEmpty else {
            message = StatusMessage("no saved replies in store.json", .info)
            return
        }
        let index = (c.templateIndex + 1) % replies.count
        c.templateIndex = index
        let branch = workspace.config.branch(item.branch ?? me.branch)
        let values = Template.values(item: item, me: me, branch: branch)
        c.editor.insert(Template.expand(replies[index].text, values: values))
        c.unsavedSince = c.unsavedSince ?? now
        c.menu = false
        message = StatusMessage("inserted saved reply '\(replies[index].name)'; t again for the next", .info)
    }
}
