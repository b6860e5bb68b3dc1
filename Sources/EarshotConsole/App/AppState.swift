import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// The panes that take the keyboard. The analytics strip is always visible and never focused.
public enum Pane: Sendable, Equatable {
    case inbox, drafts

    var context: KeyContext { self == .inbox ? .inbox : .drafts }
}

/// A row cursor that stays on the same item when rows are added or reordered.
public struct ListCursor: Sendable, Equatable {
    public var index = 0
    /// First visible row.
    public var offset = 0

    /// Keeps `index` in `0..<count` and the row visible in a window of `height` rows.
    mutating func clamp(count: Int, height: Int) {
        index = count == 0 ? 0 : min(max(index, 0), count - 1)
        let h = max(height, 1)
        if index < offset { offset = index }
        if index >= offset + h { offset = index - h + 1 }
        offset = max(0, min(offset, max(0, count - h)))
    }
}

/// A one-line text prompt at the bottom of the screen, with Tab completion.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case requestChanges(draft: String, revision: Int, basedOn: Int)
        case reject(draft: String, revision: Int, basedOn: Int)
        case assign(items: [String])
        case tag(items: [String])
        case note(item: String)
        case filter
        /// Incremental search from the row the search began on.
        case search(origin: Int)
        /// Approve for a date and time: schedule, then approve.
        case approveAt(draft: String, revision: Int, basedOn: Int)
        /// The channels of a new post.
        case channels
        /// An image for the post: "path-or-URL | alt text".
        case image
    }

    public var purpose: Purpose
    public var label: String
    public var text = ""
    /// Insertion point, in characters (grapheme clusters).
    public var cursor = 0
    /// Words Tab can complete the last word to.
    public var candidates: [String] = []

    public init(purpose: Purpose, label: String, text: String = "", candidates: [String] = []) {
        self.purpose = purpose
        self.label = label
        self.text = text
        self.cursor = text.count
        self.candidates = candidates
    }
}

/// A post being written: a new one, or a revision of an existing draft.
public struct PostTarget: Sendable, Equatable {
    /// nil until the post is first saved.
    public var draft: String?
    public var channels: [Channel]
    /// Images by path or URL, each with alt text.
    public var images: [PostImage] = []
}

/// A reply or a post being written, in the built-in editor.
public struct Composer: Sendable, Equatable {
    /// The inbox item a reply answers; empty for posts.
    public var item: String
    /// Set when this is a post rather than a reply.
    public var post: PostTarget?
    public var editor: TextEditor
    public var startedAt: Date
    public var scroll = 0
    /// After Esc: the one-line menu (send, keep editing, template, close).
    public var menu = false
    /// When the text last changed and has not been saved since.
    public var unsavedSince: Date?
    /// The saved reply inserted last, so `t` moves on to the next.
    public var templateIndex = -1

    public init(item: String, text: String = "", startedAt: Date, post: PostTarget? = nil) {
        self.item = item
        self.post = post
        self.editor = TextEditor(text: text)
        self.startedAt = startedAt
    }
}

/// What one undo puts back: for each item, the event to compensate and the value before it.
public struct UndoStep: Sendable, Equatable {
    public enum Previous: Sendable, Equatable {
        case status(ItemStatus)
        case assignee(String?)
        case tags(added: [String], removed: [String])
    }

    public struct Change: Sendable, Equatable {
        public var item: String
        public var event: Int
        public var previous: Previous
    }

    public var changes: [Change]
}

public enum Mode: Sendable, Equatable {
    case normal
    /// The selected item or draft shown whole (Enter); `scroll` is the first line shown.
    case detail(scroll: Int)
    case help(scroll: Int)
    case prompt(Prompt)
    /// Writing a reply; the composer itself lives in `AppState.composer`.
    case compose
    case palette(Palette)
    /// Approved and scheduled posts, day by day.
    case schedule(scroll: Int)
    /// Two revisions of a draft side by side, word by word.
    case compare(Comparison)
}

/// Which revisions of which draft the diff view compares.
public struct Comparison: Sendable, Equatable {
    public var draft: String
    public var from: Int
    public var to: Int
}

/// The outcome line at the bottom of the screen.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable { case info, success, refusal, warning }
    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// Everything the screen shows, as a value: `update` changes it, `Screen.render` draws it.
public struct AppState: Sendable {
    public var workspace: Workspace
    public var me: StaffMember
    public var now: Date
    public var size: Size
    public var focus: Pane = .inbox
    public var inbox = ListCursor()
    public var drafts = ListCursor()
    public var mode: Mode = .normal
    public var message: StatusMessage?
    public var glyphs: Glyphs
    public var theme: Theme
    public var keymap: Keymap
    /// Inbox items picked with Space; triage actions then apply to all of them.
    public var selection: Set<String> = []
    /// Newest last; `u` takes back the last.
    public var undoSteps: [UndoStep] = []
    public var composer: Composer?
    /// Other sessions, for collision markers.
    public var presences: [Presence] = []
    /// The inbox shows only what matches; nil shows everything but hidden spam.
    public private(set) var filter: Filter?
    /// The saved view's name, when the filter came from one.
    public private(set) var viewName: String?
    /// Order by time left to the reply target instead of newest first.
    public private(set) var sortByDue = false
    /// The review queue ordered by scheduled time instead of waiting time.
    public private(set) var draftsBySchedule = false
    /// The last `/` search, for n and N.
    public var search = ""
    /// Inbox rows in display order (ids), rebuilt only when the workspace changes,
    /// so a key press never sorts the whole inbox.
    public private(set) var inboxOrder: [String] = []
    public private(set) var draftOrder: [String] = []
    public private(set) var summary: ListeningSummary
    /// When each open item's first reply is due, for items on channels with a target.
    public private(set) var due: [String: Date] = [:]

    public init(
        workspace: Workspace, me: StaffMember, now: Date, size: Size,
        glyphs: Glyphs = .unicode, theme: Theme = .monochrome, keymap: Keymap = .standard
    ) {
        self.workspace = workspace
        self.me = me
        self.now = now
        self.size = size
        self.glyphs = glyphs
        self.theme = theme
        self.keymap = keymap
        self.summary = ListeningSummary(workspace, now: now)
        rebuildOrders()
    }

    public var selectedItem: InboxItem? {
        inboxOrder.indices.contains(inbox.index) ? workspace.items[inboxOrder[inbox.index]] : nil
    }

    public var selectedDraft: Draft? {
        draftOrder.indices.contains(drafts.index) ? workspace.drafts[draftOrder[drafts.index]] : nil
    }

    /// Replaces the workspace (after our own or another session's change), keeping
    /// each pane's selection on the same item if it is still listed.
    mutating func replaceWorkspace(_ ws: Workspace, events: [Event]?) {
        let itemID = selectedItem?.id
        let draftID = selectedDraft?.id
        workspace = ws
        // Re-sorting a large inbox is the costly part; skip it when no event can
        // have added, removed or moved a row.
        if filter != nil || sortByDue || events.map({ $0.contains(where: Self.changesInboxRows) }) ?? true {
            rebuildInboxOrder()
        }
        rebuildDraftOrder()
        summary = ListeningSummary(workspace, now: now)
        if let itemID, let i = inboxOrder.firstIndex(of: itemID) { inbox.index = i }
        if let draftID, let i = draftOrder.firstIndex(of: draftID) { drafts.index = i }
        inbox.clamp(count: inboxOrder.count, height: Layout(size: size, focus: focus).inboxRows)
        drafts.clamp(count: draftOrder.count, height: Layout(size: size, focus: focus).draftRows)
    }

    mutating func refreshSummary() {
        summary = ListeningSummary(workspace, now: now)
    }

    private mutating func rebuildOrders() {
        rebuildInboxOrder()
        rebuildDraftOrder()
        summary = ListeningSummary(workspace, now: now)
    }

    static func changesInboxRows(_ event: Event) -> Bool {
        switch event.change {
        case .received: true
        case .triaged(_, let from, let to): from == .hidden || to == .hidden
        default: false
        }
    }

    /// Due dates depend only on when an item arrived, so they are computed once per item.
    private mutating func rebuildDue() {
        let calendar = workspace.config.calendar
        var result: [String: Date] = [:]
        for item in workspace.items.values where item.status.isOpen && !item.fromLibrary {
            guard let minutes = workspace.config.responseTarget(for: item.channel) else { continue }
            if let known = due[item.id] {
                result[item.id] = known
                continue
            }
            let hours = workspace.config.branch(item.branch)?.hours
            result[item.id] = ResponseTarget.due(received: item.receivedAt, targetMinutes: minutes, hours: hours, calendar: calendar)
        }
        due = result
    }

    public func dueState(of item: InboxItem, due: Date) -> DueState {
        guard let minutes = workspace.config.responseTarget(for: item.channel) else { return .onTrack }
        return ResponseTarget.state(
            due: due, targetMinutes: minutes, now: now,
            hours: workspace.config.branch(item.branch)?.hours, calendar: workspace.config.calendar)
    }

    private mutating func rebuildInboxOrder() {
        rebuildDue()
        // Hidden spam and the library's own posts stay out unless a filter asks for hidden.
        let showHidden = filter?.terms.contains { $0.value.split(separator: ",").contains("hidden") && !$0.negated } ?? false
        var context = FilterContext(me: me, now: now, due: due)
        context.dueStates = due.reduce(into: [:]) { states, pair in
            if let item = workspace.items[pair.key] { states[pair.key] = dueState(of: item, due: pair.value) }
        }
        let listed = workspace.items.values.filter {
            ($0.status != .hidden || showHidden) && !$0.fromLibrary && (filter?.matches($0, in: context) ?? true)
        }
        if sortByDue {
            // Least time left first; items without a target after, newest first.
            inboxOrder = listed.sorted { a, b in
                switch (due[a.id], due[b.id]) {
                case let (da?, db?): return (da, a.id) < (db, b.id)
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return (a.receivedAt, a.id) > (b.receivedAt, b.id)
                }
            }.map(\.id)
        } else {
            inboxOrder = listed.sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }.map(\.id)
        }
    }

    /// Shows only the items matching `filter` (nil: all); the cursor stays on the
    /// same item when it is still listed.
    mutating func apply(filter newFilter: Filter?, name: String?) {
        let keep = selectedItem?.id
        filter = newFilter
        viewName = name
        rebuildInboxOrder()
        inbox.index = keep.flatMap { inboxOrder.firstIndex(of: $0) } ?? 0
        selection = selection.filter(inboxOrder.contains)
        inbox.clamp(count: inboxOrder.count, height: Layout(size: size, focus: focus).inboxRows)
    }

    mutating func toggleDraftOrder() {
        let keep = selectedDraft?.id
        draftsBySchedule.toggle()
        rebuildDraftOrder()
        drafts.index = keep.flatMap { draftOrder.firstIndex(of: $0) } ?? 0
    }

    mutating func toggleSortByDue() {
        sortByDue.toggle()
        apply(filter: filter, name: viewName)
    }

    private mutating func rebuildDraftOrder() {
        draftOrder = workspace.drafts.values
            .sorted { a, b in
                let (ra, rb) = (Self.rank(a.state), Self.rank(b.state))
                if ra != rb { return ra < rb }
                // Waiting drafts oldest first (who has waited longest), or soonest due; the rest newest first.
                if a.state == .submitted, draftsBySchedule {
                    return (a.scheduledFor ?? .distantFuture, a.id) < (b.scheduledFor ?? .distantFuture, b.id)
                }
                if a.state == .submitted { return (a.submittedAt ?? a.createdAt, a.id) < (b.submittedAt ?? b.createdAt, b.id) }
                return (a.changedAt ?? a.createdAt, a.id) > (b.changedAt ?? b.createdAt, b.id)
            }
            .map(\.id)
    }

    private static func rank(_ state: DraftState) -> Int {
        switch state {
        case .submitted: 0
        case .changesRequested, .draft: 1
        case .approved, .scheduled: 2
        case .published, .rejected: 3
        }
    }
}
