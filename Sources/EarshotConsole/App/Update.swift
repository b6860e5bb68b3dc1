import EarshotCore
import EarshotStore
import Foundation
import Terminal

extension AppState {
    /// The one place state changes: a message in, effects out. Pure, so every key
    /// and every refusal is tested without a terminal.
    public mutating func update(_ msg: Msg) -> [Effect] {
        let shown = message
        defer { logMessage(replacing: shown) }
        switch msg {
        case .key(let key):
            return handle(key)
        case .resize(let newSize):
            size = newSize
            clampCursors()
            return []
        case .tick(let date):
            let minuteChanged = Int(date.timeIntervalSince1970 / 60) != Int(now.timeIntervalSince1970 / 60)
            now = date
            if minuteChanged { refreshSummary() }
            // Due dates worked out at open are taken between keys, never waited for.
            adoptDueIfReady()
            return []
        case .storeChanged(let ws, let events):
            replaceWorkspace(ws, events: events)
            noticeReviews(events ?? [])
            refreshAnalytics()
            noticeQueue(events ?? [])
            return []
        case .commandsFinished(let answers):
            return finished(answers)
        case .storeFailed(let text):
            message = StatusMessage(text, .warning)
            return []
        case .presence(let list):
            presences = list
            return []
        case .workSaved(let at):
            if let since = composer?.unsavedSince, since <= at { composer?.unsavedSince = nil }
            return []
        case .restore(let wip):
            guard composer == nil else { return [] }
            var restored: Composer
            if let channels = wip.channels {
                restored = Composer(item: "", text: wip.text, startedAt: wip.startedAt, post: PostTarget(draft: wip.draft, channels: channels))
                focus = .drafts
            } else {
                guard workspace.items[wip.item] != nil else { return [] }
                restored = Composer(item: wip.item, text: wip.text, startedAt: wip.startedAt)
                selectItem(wip.item)
            }
            restored.menu = true
            composer = restored
            mode = .compose
            message = StatusMessage(wip.channels == nil ? "Your unsent reply is back, as you left it. e edits, y sends."
                                                        : "Your unsent post is back, as you left it. e edits, y submits.", .info)
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        // Esc then a key typed fast (or sent together over a slow link) arrives as
        // Alt-key; where Alt means nothing, it is what it was: Esc, then the key.
        if case .alt(let c) = key, !editorTakes(key) {
            return handle(.escape) + handle(.char(c))
        }
        // The terminal is in raw mode, so C-c is a key, not SIGINT: it quits from
        // anywhere, and the runtime saves an unsent reply on the way out.
        if key == .ctrl("c") { return [.quit] }
        if Layout(size: size, focus: focus).tooSmall {
            return key == .char("q") ? [.quit] : []
        }
        switch mode {
        case .prompt(var prompt):
            return handlePrompt(key, &prompt)
        case .help(let scroll):
            return handleHelp(key, scroll: scroll)
        case .compose:
            return handleComposer(key)
        case .palette(var palette):
            return handlePalette(key, &palette)
        case .schedule(let row):
            return handleSchedule(key, row: row)
        case .compare(var comparison):
            return handleCompare(key, &comparison)
        case .analytics(var screen):
            return handleAnalytics(key, &screen)
        case .messages(let scroll):
            return handleMessageLog(key, scroll: scroll)
        case .normal, .detail:
            guard let action = keymap.action(for: key, in: focus.context) else { return [] }
            return perform(action)
        }
    }

    /// Whether the reply editor has a meaning for this key right now.
    private func editorTakes(_ key: Key) -> Bool {
        guard mode == .compose, var c = composer, !c.menu else { return false }
        return c.editor.handle(key, width: composerWidth)
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let layout = Layout(size: size, focus: focus)
        switch action {
        case .quit:
            return [.quit]
        case .suspend:
            return [.suspend]
        case .help:
            mode = .help(scroll: 0)
        case .palette:
            mode = .palette(Palette())
        case .back:
            if mode == .normal, !selection.isEmpty {
                selection = []
                message = StatusMessage("selection cleared", .info)
            }
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
                moveCursor(action, page: focus == .inbox ? layout.inboxRows : layout.draftRows)
            }
        case .markHandled: return triage(.handled)
        case .markNeedsReply: return triage(.needsReply)
        case .escalate: return triage(.escalated)
        case .hideSpam: return triage(.hidden)
        case .reply: return startReply()
        case .assign: openItemPrompt(.assign)
        case .tag: openItemPrompt(.tag)
        case .note: openItemPrompt(.note)
        case .toggleSelect: toggleSelection()
        case .selectAll: selectAll()
        case .clearSelection:
            selection = []
            message = StatusMessage("selection cleared", .info)
        case .undo: return undoLast()
        case .search:
            if focus == .drafts { return draftAction(.filter) }
            guard focus == .inbox else { return [] }
            mode = .prompt(Prompt(purpose: .search(origin: inbox.index), label: "/", text: ""))
        case .nextMatch: jumpToMatch(forward: true, from: inbox.index + 1)
        case .previousMatch: jumpToMatch(forward: false, from: inbox.index - 1)
        case .filter where focus == .drafts, .clearFilter where focus == .drafts,
             .submitDraft, .withdrawDraft, .holdPost, .unschedulePost, .copyDraft, .resumePost, .retryDelivery, .withdrawDelivery, .removePost:
            return draftAction(action)
        case .postSubmit, .postSave, .postText, .postTime, .postChannels, .postImage, .postClose, .postDiscard, .postFindings,
             .reschedule, .compareOlderFrom, .compareNewerFrom, .compareOlderTo, .compareNewerTo:
            break  // the post menu, the schedule and the comparison read these in their own contexts
        case .filter:
            mode = .prompt(Prompt(purpose: .filter, label: "Filter: ", text: filter?.text ?? ""))
        case .clearFilter:
            apply(filter: nil, name: nil)
            message = StatusMessage("showing everything but hidden spam", .info)
        case .sortByTimeLeft where focus == .drafts:
            toggleDraftOrder()
            message = StatusMessage(draftsBySchedule ? "queue ordered by scheduled time" : "queue ordered by waiting time", .info)
        case .sortByTimeLeft:
            toggleSortByDue()
            message = StatusMessage(sortByDue ? "ordered by time left to reply" : "ordered newest first", .info)
        case .view1, .view2, .view3, .view4, .view5, .view6, .view7:
            openView(Action.views.firstIndex(of: action) ?? 0)
        case .approve, .requestChanges, .reject:
            return review(action)
        case .approveAt:
            openApproveAt()
        case .newPost:
            return startPost(editing: nil)
        case .editDraft:
            return startPost(editing: selectedDraft)
        case .scheduleView:
            mode = .schedule(scroll: 0)
        case .messageLog:
            mode = .messages(scroll: max(0, messageLog.count - 1))
        case .compare:
            openCompare()
        case .analytics:
            openAnalytics()
        }
        return []
    }

    /// Authors hear at once, in the status line, what a reviewer in another
    /// session did to their draft.
    private mutating func noticeReviews(_ events: [Event]) {
        for event in events where event.actor != me.login {
            let id: String
            let verb: String
            switch event.change {
            case .approved(let d, let r, let at):
                (id, verb) = (d, "approved revision \(r)\(at.map { " for " + Self.formatLocal($0, calendar: workspace.config.calendar) } ?? "") of")
            case .scheduled(let d, let at):
                (id, verb) = (d, at.map { "moved to " + Self.formatLocal($0, calendar: workspace.config.calendar) + " (approvals needed again)" } ?? "unscheduled")
            case .sentBack(let d, _, _): (id, verb) = (d, "could not publish")
            case .changesRequested(let d, let r, _): (id, verb) = (d, "asked for changes to revision \(r) of")
            case .rejected(let d, let r, _): (id, verb) = (d, "rejected revision \(r) of")
            case .revised(let d, _): (id, verb) = (d, "edited")
            case .expired(let d): (id, verb) = (d, "returned (its time passed unapproved)")
            case .published(let d, _): (id, verb) = (d, "published")
            case .delivered(let d, let c, _, _): (id, verb) = (d, "delivered to \(c.displayName)")
            case .deliveryFailed(let d, let c, _, _, _): (id, verb) = (d, "could not deliver to \(c.displayName)")
            case .deliveryWithdrawn(let d, let c): (id, verb) = (d, "withdrew from \(c.displayName)")
            case .removed(let d, let c): (id, verb) = (d, "deleted from \(c.displayName)")
            default: continue
            }
            guard let draft = workspace.drafts[id], draft.author == me.login else { continue }
            let who = workspace.member(event.actor)?.name ?? event.actor
            var text = "\(who) \(verb) your \(id)"
            if case .changesRequested(_, _, let comment) = event.change { text += ": \(comment)" }
            if case .rejected(_, _, let reason) = event.change { text += ": \(reason)" }
            if case .expired = event.change { text = "\(id) was returned to you: its time passed before approval" }
            if case .sentBack(_, _, let reason) = event.change { text = "\(id) was returned to you when it was due to go out: \(reason)" }
            if case .delivered(_, let c, _, let url) = event.change { text = "Your \(id) is on \(c.displayName)\(url.map { ": " + $0 } ?? "")" }
            if case .deliveryFailed(_, let c, let reason, _, _) = event.change { text = "Your \(id) did not reach \(c.displayName): \(reason)" }
            if case .removed(_, let c) = event.change { text = "Your \(id) was deleted from \(c.displayName), as comms asked" }
            if case .deliveryWithdrawn(_, let c) = event.change { text = "\(who) withdrew your \(id) from \(c.displayName); it will not be sent there" }
            let bad: Bool = switch event.change {
            case .changesRequested, .rejected, .expired, .sentBack, .scheduled, .deliveryFailed, .deliveryWithdrawn, .removed: true
            default: false
            }
            message = StatusMessage(text, bad ? .warning : .success)
        }
    }

    // MARK: Movement

    mutating func setFocus(_ pane: Pane) {
        focus = pane
        if case .detail = mode { mode = .normal }
        clampCursors()
    }

    mutating func moveCursor(_ action: Action, page: Int) {
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

    mutating func selectItem(_ id: String) {
        focus = .inbox
        if let i = inboxOrder.firstIndex(of: id) { inbox.index = i }
        clampCursors()
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

    private mutating func handleHelp(_ key: Key, scroll: Int) -> [Effect] {
        let body = Layout(size: size, focus: focus).body.height
        // Clamped here, so scrolling back up from the end starts at once.
        let last = max(0, HelpOverlay.lines(self).count - body)
        switch keymap.action(for: key, in: focus.context) {
        case .help, .back, .quit: mode = helpReturn; helpReturn = .normal
        case let action? where [.down, .up, .top, .bottom, .pageDown, .pageUp].contains(action):
            mode = .help(scroll: min(last, Self.scrolled(min(scroll, last), by: action, page: body - 1)))
        default: break
        }
        return []
    }

    // MARK: Answers from the store

    private mutating func finished(_ answers: [Answer]) -> [Effect] {
        let done = answers.filter { if case .success = $0.result { true } else { false } }
        let refusals = answers.compactMap { answer -> Refusal? in
            if case .failure(let r) = answer.result { return r }
            return nil
        }
        recordUndo(for: answers)
        let wasUndo = undoInFlight
        undoInFlight = false
        // Refusals name people, as successes do, not item ids.
        let refusalText = zip(answers, answers.map(\.result)).compactMap { answer, result -> String? in
            if case .failure(let r) = result { return RefusalText.naming(r.message, for: answer.request, in: workspace) }
            return nil
        }
        if answers.count == 1, let only = answers.first {
            switch only.result {
            case .success(let event):
                message = StatusMessage(Outcome.describe(event, in: workspace), .success)
                advanceAfterTriage(only.request)
                advanceAfterReview(only.request)
            case .failure:
                message = StatusMessage(refusalText[0], .refusal)
            }
        } else if refusals.isEmpty, wasUndo {
            message = StatusMessage("Undone for all \(done.count) items: each is as it was before", .success)
        } else if refusals.isEmpty, answers.allSatisfy({ Self.isTriage($0.request.command) }) {
            message = StatusMessage("Done for all \(done.count) selected items", .success)
            selection = []
        } else if refusals.isEmpty, case .success(let last)? = answers.last?.result {
            // A sequence (create then submit, schedule then approve): say where it ended.
            message = StatusMessage(Outcome.describe(last, in: workspace), .success)
        } else if done.isEmpty, let first = refusals.first, refusals.allSatisfy({ $0 == first }) {
            // A sequence refused as a whole: nothing of it was applied; say why.
            message = StatusMessage(first.message, .refusal)
        } else {
            let first = refusalText[0]
            message = StatusMessage("\(done.count) done, \(refusals.count) refused: \(first)", done.isEmpty ? .refusal : .warning)
            selection = []
        }
        return afterReply(answers) + afterPost(answers)
    }

    static func isTriage(_ command: Command) -> Bool {
        switch command {
        case .triage, .assign, .tag, .revert: true
        default: false
        }
    }

    /// After a triage the next row is usually the next one to read.
    private mutating func advanceAfterTriage(_ request: Request) {
        guard case .triage(let id, let status) = request.command, status != .hidden,
              selectedItem?.id == id, focus == .inbox, mode == .normal else { return }
        moveCursor(.down, page: Layout(size: size, focus: focus).inboxRows)
    }
}
