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
            let replacing = c.templateJustInserted
            c.templateJustInserted = false
            switch key {
            case .char("y") where c.post == nil:
                composer = c
                return sendReply()
            case .char("e"), .enter, .escape:
                c.menu = false
            case .char("t"):
                if let item { insertTemplate(&c, for: item, replacingLast: replacing) }
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
        let text = c.outgoing
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

    /// Inserts the next saved reply, placeholders filled in, at the cursor, with a
    /// space between it and any word it touches. Right after another saved reply it
    /// replaces that one. The menu stays open, so `t` can be pressed again.
    private mutating func insertTemplate(_ c: inout Composer, for item: InboxItem, replacingLast: Bool) {
        let replies = workspace.config.savedReplies ?? []
        guard !replies.isEmpty else {
            message = StatusMessage("no saved replies in store.json", .info)
            return
        }
        let index = (c.templateIndex + 1) % replies.count
        c.templateIndex = index
        let branch = workspace.config.branch(item.branch ?? me.branch)
        let values = Template.values(item: item, me: me, branch: branch)
        if replacingLast { c.editor.undo() }
        let chars = Array(c.editor.text)
        let before = c.editor.cursor > 0 ? chars[c.editor.cursor - 1] : nil
        let after = c.editor.cursor < chars.count ? chars[c.editor.cursor] : nil
        let lead = before.map { $0.isWhitespace ? "" : " " } ?? ""
        let trail = after.map { $0.isWhitespace ? "" : " " } ?? ""
        c.editor.insert(lead + Template.expand(replies[index].text, values: values) + trail)
        c.unsavedSince = c.unsavedSince ?? now
        c.templateJustInserted = true
        let which = replies.count > 1 ? " (\(index + 1) of \(replies.count)); t puts the next in its place, e edits" : "; e edits"
        message = StatusMessage("inserted saved reply '\(replies[index].name)'\(which)", .info)
    }
}
