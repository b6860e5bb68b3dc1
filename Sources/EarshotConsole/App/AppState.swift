import EarshotCore
import EarshotStore
import Foundation
import Terminal

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
    /// Where `?` returns to when it was opened over the schedule or the comparison.
    public var helpReturn: Mode = .normal
    public var message: StatusMessage?
    /// Every status message of this session, oldest first, so a long one can be read whole (`M`).
    public var messageLog: [StatusMessage] = []
    public var glyphs: Glyphs
    public var theme: Theme
    public var keymap: Keymap
    /// Inbox items picked with Space; triage actions then apply to all of them.
    public var selection: Set<String> = []
    /// Newest last; `u` takes back the last.
    public var undoSteps: [UndoStep] = []
    /// The requests in flight are an undo, so the answer is worded as one.
    var undoInFlight = false
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
    /// The drafts pane shows only what matches; nil shows every draft.
    public var draftFilter: DraftFilter?
    /// The last `/` search, for n and N.
    public var search = ""
    /// Inbox rows in display order (ids), rebuilt only when the workspace changes,
    /// so a key press never sorts the whole inbox.
    public private(set) var inboxOrder: [String] = []
    public private(set) var draftOrder: [String] = []
    public private(set) var summary: ListeningSummary
    /// Item ids by the item they reply to, for drawing threads without scanning the inbox.
    public private(set) var replies: [String: [String]] = [:]
    /// Every item id, newest first: sorted when items arrive, not at each filter or view.
    private var newestFirst: [String] = []
    private var newestFirstStale = true
    /// `due` must be worked out again for every item (at open, or after an unknown change).
    private var dueStale = true
    /// What `/` searches, folded once, built at the first search and kept up to date.
    var searchIndex: SearchIndex?
    /// Started at open, for stores big enough that folding every text takes a while.
    private var searchLoader: SearchIndexLoader?
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
        if workspace.items.count >= 5_000 { searchLoader = SearchIndexLoader(items: workspace.items.values) }
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
        let old = workspace
        workspace = ws
        if let events {
            for case .received(let item) in events.map(\.change) {
                searchIndex?.add(item)
                newestFirstStale = true
            }
            // Only the items an event opened, closed or brought in can change their due date.
            for event in events {
                switch event.change {
                case .received(let item): refreshDue(item.id)
                case .triaged(let id, _, _), .reverted(let id, _, _, _): refreshDue(id)
                case .replyDrafted(let draft, _): if let id = draft.inReplyTo { refreshDue(id) }
                default: break
                }
            }
        } else {
            searchIndex = nil
            searchLoader = nil
            newestFirstStale = true
            dueStale = true
        }
        // Re-sorting a large inbox is the costly part; skip it when no event can
        // have added, removed or moved a row.
        if filter != nil || sortByDue || events.map({ $0.contains(where: Self.changesInboxRows) }) ?? true {
            if let events, adjustInboxOrder(for: events) {} else { rebuildInboxOrder() }
        }
        rebuildDraftOrder()
        if let events {
            summary.update(from: old, to: ws, events: events, now: now)
        } else {
            summary = ListeningSummary(workspace, now: now)
        }
        if let itemID, let i = inboxOrder.firstIndex(of: itemID) { inbox.index = i }
        if let draftID, let i = draftOrder.firstIndex(of: draftID) { drafts.index = i }
        inbox.clamp(count: inboxOrder.count, height: Layout(size: size, focus: focus).inboxRows)
        drafts.clamp(count: draftOrder.count, height: Layout(size: size, focus: focus).draftRows)
    }

    /// The search index: the one built at open (with any items received since), or one built now.
    mutating func readySearchIndex() -> SearchIndex {
        if let searchIndex { return searchIndex }
        var index = searchLoader?.take() ?? SearchIndex(items: workspace.items.values)
        searchLoader = nil
        if index.count != workspace.items.count {
            // Items are only ever added in a session, so a count that differs means arrivals.
            for item in workspace.items.values { index.add(item) }
        }
        searchIndex = index
        return index
    }

    mutating func refreshSummary() {
        summary.refresh(workspace, now: now)
    }

    private mutating func rebuildOrders() {
        rebuildInboxOrder()
        rebuildDraftOrder()
        summary = ListeningSummary(workspace, now: now)
    }

    static func changesInboxRows(_ event: Event) -> Bool {
        switch event.change {
        case .received: true
        case .triaged(_, let from, let to), .reverted(_, let from, let to, _): from == .hidden || to == .hidden
        default: false
        }
    }

    /// Hiding or unhiding in the plain newest-first list: the rows are taken out or put
    /// in their place, instead of every item being sorted again. False when only a full
    /// rebuild will do (a filter, another order, arrivals).
    private mutating func adjustInboxOrder(for events: [Event]) -> Bool {
        guard filter == nil, !sortByDue else { return false }
        var ids: [String] = []
        for event in events {
            switch event.change {
            case .triaged(let id, _, _), .reverted(let id, _, _, _): ids.append(id)
            case .received: return false
            default: continue
            }
        }
        for id in ids {
            guard let item = workspace.items[id] else { continue }
            // First row that is not newer than the item: where it is, or where it goes.
            let key = (item.receivedAt, item.id)
            var low = 0, high = inboxOrder.count
            while low < high {
                let mid = (low + high) / 2
                let other = workspace.items[inboxOrder[mid]].map { ($0.receivedAt, $0.id) } ?? (.distantPast, "")
                if other > key { low = mid + 1 } else { high = mid }
            }
            let present = low < inboxOrder.count && inboxOrder[low] == id
            let listed = item.status != .hidden && !item.fromLibrary
            if present, !listed { inboxOrder.remove(at: low) }
            if !present, listed { inboxOrder.insert(id, at: low) }
        }
        return true
    }

    /// One item's due date after it arrived, closed or reopened.
    private mutating func refreshDue(_ id: String) {
        guard let item = workspace.items[id], item.status.isOpen, !item.fromLibrary,
              let minutes = workspace.config.responseTarget(for: item.channel) else {
            due[id] = nil
            return
        }
        if due[id] == nil {
            due[id] = ResponseTarget.due(received: item.receivedAt, targetMinutes: minutes,
                                         hours: workspace.config.branch(item.branch)?.hours, calendar: workspace.config.calendar)
        }
    }

    /// Due dates depend only on when an item arrived, so they are computed once per item.
    private mutating func rebuildDue() {
        let calendar = workspace.config.calendar
        let memo = HoursMemo(calendar: calendar)
        var result: [String: Date] = [:]
        for item in workspace.items.values where item.status.isOpen && !item.fromLibrary {
            guard let minutes = workspace.config.responseTarget(for: item.channel) else { continue }
            if let known = due[item.id] {
                result[item.id] = known
                continue
            }
            let hours = workspace.config.branch(item.branch)?.hours
            result[item.id] = ResponseTarget.due(
                received: item.receivedAt, targetMinutes: minutes, hours: hours, calendar: calendar, memo: memo)
        }
        due = result
    }

    public func dueState(of item: InboxItem, due: Date, memo: HoursMemo? = nil) -> DueState {
        guard let minutes = workspace.config.responseTarget(for: item.channel) else { return .onTrack }
        return ResponseTarget.state(
            due: due, targetMinutes: minutes, now: now,
            hours: workspace.config.branch(item.branch)?.hours, calendar: memo?.calendar ?? workspace.config.calendar, memo: memo)
    }

    private mutating func rebuildInboxOrder() {
        if dueStale {
            rebuildDue()
            dueStale = false
        }
        var unfiltered: [String]?
        if newestFirstStale {
            replies = Conversation.replyIndex(workspace)
            // Sorts (time, id) pairs, not the items: at 100,000 moving whole items was most of opening.
            // The same pass notes the rows the unfiltered list shows, so it needs no lookups.
            let rows = workspace.items.values.map { ($0.receivedAt, $0.id, $0.status != .hidden && !$0.fromLibrary) }
                .sorted { ($0.0, $0.1) > ($1.0, $1.1) }
            newestFirst = rows.map(\.1)
            unfiltered = rows.filter(\.2).map(\.1)
            newestFirstStale = false
        }
        // Hidden spam and the library's own posts stay out unless a filter asks for hidden.
        let showHidden = filter?.terms.contains { $0.value.split(separator: ",").contains("hidden") && !$0.negated } ?? false
        var context = FilterContext(me: me, now: now, due: due)
        // Due states (open time left, per item) only for a filter that asks about them.
        if filter?.terms.contains(where: { $0.value.contains("overdue") || $0.value.contains("due-soon") }) ?? false {
            let memo = HoursMemo(calendar: workspace.config.calendar)
            context.dueStates = due.reduce(into: [:]) { states, pair in
                if let item = workspace.items[pair.key] { states[pair.key] = dueState(of: item, due: pair.value, memo: memo) }
            }
        }
        let active = filter
        let keep = { (item: InboxItem) in
            (item.status != .hidden || showHidden) && !item.fromLibrary && (active?.matches(item, in: context) ?? true)
        }
        if !sortByDue {
            if filter == nil, let unfiltered {
                inboxOrder = unfiltered
                return
            }
            // Already in order: a filter is one pass, no sort.
            inboxOrder = newestFirst.filter { id in workspace.items[id].map(keep) ?? false }
            return
        }
        // Least time left first; items without a target after, newest first.
        inboxOrder = workspace.items.values.filter(keep).sorted { a, b in
            switch (due[a.id], due[b.id]) {
            case let (da?, db?): return (da, a.id) < (db, b.id)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return (a.receivedAt, a.id) > (b.receivedAt, b.id)
            }
        }.map(\.id)
    }

    /// Shows only the items matching `filter` (nil: all); the cursor stays on the
    /// same item when it is still listed.
    mutating func apply(filter newFilter: Filter?, name: String?) {
        let keep = selectedItem?.id
        filter = newFilter
        viewName = name
        rebuildInboxOrder()
        inbox.index = keep.flatMap { inboxOrder.firstIndex(of: $0) } ?? 0
        // A set of the listed ids: `inboxOrder.contains` per selected item was quadratic after `*`.
        if !selection.isEmpty {
            let listed = Set(inboxOrder)
            selection = selection.filter(listed.contains)
        }
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

    mutating func rebuildDraftOrder() {
        draftOrder = workspace.drafts.values
            .filter { draftFilter?.matches($0, in: workspace, me: me.login, now: now) ?? true }
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
        case .changesRequested, .draft, .expired: 1
        case .approved, .scheduled: 2
        case .published, .rejected: 3
        }
    }
}
