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
    public internal(set) var inboxOrder: [String] = []
    public private(set) var draftOrder: [String] = []
    public private(set) var summary: ListeningSummary
    /// Item ids by the item they reply to, for drawing threads without scanning the inbox.
    public internal(set) var replies: [String: [String]] = [:]
    /// Every item's listing facts, newest first: sorted once at open; changes and
    /// arrivals are put in their row. Filters read it instead of the items.
    var rows = RowIndex()
    var newestFirstStale = true
    /// The rows with no filter (newest first, hidden spam out), kept in step while a
    /// filter is on, so `0` shows them again without a scan; nil when unknown.
    var allListed: [String]?
    /// `due` must be worked out again for every item (at open, or after an unknown change).
    var dueStale = true
    /// What `/` searches, folded once, built at the first search and kept up to date.
    var searchIndex: SearchIndex?
    /// Started at open, for stores big enough that folding every text takes a while.
    private var searchLoader: BackgroundBuild<SearchIndex>?
    /// Every open item's due date, worked out as a big inbox opens; until it is
    /// ready a row's date is worked out when the row is drawn.
    private var dueLoader: BackgroundBuild<[String: Date]>?
    /// Items changed while `dueLoader` was working, whose dates it may have wrong.
    private var dueMissed: Set<String> = []
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
        if workspace.items.count >= 5_000 {
            let items = workspace.items.values
            let config = workspace.config
            searchLoader = BackgroundBuild { stop in SearchIndex(items: items, stop: stop) }
            dueLoader = BackgroundBuild { stop in Self.dueDates(items, config: config, stop: stop) }
        }
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
            for case .received(let item) in events.map(\.change) { searchIndex?.add(item) }
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
            dueLoader = nil
            dueMissed = []
            newestFirstStale = true
            dueStale = true
        }
        // Rows follow the items the events touched; a scan of the whole inbox only
        // when that cannot be done (another order, or a change too big to list).
        if let events, followRows(events) {} else { rebuildInboxOrder() }
        // A triage leaves the drafts as they were: no need to sort them again.
        if events?.contains(where: { $0.change.touchesDrafts }) ?? true { rebuildDraftOrder() }
        if let events {
            summary.update(from: old, to: ws, events: events, now: now)
        } else {
            summary = ListeningSummary(workspace, now: now)
        }
        if let itemID, let i = listedRow(of: itemID) { inbox.index = i }
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

    /// One item's due date after it arrived, closed or reopened.
    private mutating func refreshDue(_ id: String) {
        if dueLoader != nil {
            dueMissed.insert(id)
            return
        }
        guard let item = workspace.items[id], let date = Self.firstReplyDue(item, config: workspace.config) else {
            due[id] = nil
            return
        }
        if due[id] == nil { due[id] = date }
    }

    /// When an open item's first reply is due; nil when it is closed, the library's
    /// own, or on a channel without a target. The one place a due date is worked out.
    static func firstReplyDue(_ item: InboxItem, config: StoreConfig, memo: HoursMemo? = nil) -> Date? {
        guard item.status.isOpen, !item.fromLibrary, let minutes = config.responseTarget(for: item.channel) else { return nil }
        return ResponseTarget.due(received: item.receivedAt, targetMinutes: minutes, hours: config.branch(item.branch)?.hours,
                                  calendar: memo?.calendar ?? config.calendar, memo: memo)
    }

    /// Due dates depend only on when an item arrived, so they are computed once per item.
    private mutating func rebuildDue() {
        dueStale = false
        if let dueLoader {
            due = dueLoader.take()
            self.dueLoader = nil
            for id in dueMissed { refreshDue(id) }
            dueMissed = []
            return
        }
        due = Self.dueDates(workspace.items.values, config: workspace.config, known: due)
    }

    /// Takes the dates worked out at open once they are ready, without waiting.
    mutating func adoptDueIfReady() {
        if dueLoader?.isDone ?? false { rebuildDue() }
    }

    /// Every open item's first-reply due date, reusing `known` ones.
    static func dueDates(_ items: ItemTable.Values, config: StoreConfig, known: [String: Date] = [:],
                         stop: () -> Bool = { false }) -> [String: Date] {
        let memo = HoursMemo(calendar: config.calendar)
        var result: [String: Date] = [:]
        for (n, item) in items.enumerated() where item.status.isOpen && !item.fromLibrary {
            if n % 1024 == 0, stop() { break }
            guard config.responseTarget(for: item.channel) != nil else { continue }
            result[item.id] = known[item.id] ?? firstReplyDue(item, config: config, memo: memo)
        }
        return result
    }

    /// An open item's first-reply due date: the one kept, or, while they are still
    /// being worked out at open, this one now.
    public func dueDate(of item: InboxItem) -> Date? {
        guard dueLoader != nil else { return due[item.id] }
        return Self.firstReplyDue(item, config: workspace.config)
    }

    public func dueState(of item: InboxItem, due: Date, memo: HoursMemo? = nil) -> DueState {
        guard let minutes = workspace.config.responseTarget(for: item.channel) else { return .onTrack }
        return ResponseTarget.state(
            due: due, targetMinutes: minutes, now: now,
            hours: workspace.config.branch(item.branch)?.hours, calendar: memo?.calendar ?? workspace.config.calendar, memo: memo)
    }

    mutating func rebuildInboxOrder() {
        // At open a big inbox's due dates come from the background; wait for them
        // only when the order or the filter is about time left.
        let needsDue = sortByDue || filter?.terms.contains { $0.value.contains("overdue") || $0.value.contains("due-soon") } ?? false
        if dueStale, needsDue || dueLoader == nil { rebuildDue() }
        if newestFirstStale { sortEveryItem() }
        let keep = listingTest(filter)
        if !sortByDue {
            // Already in order: a filter is one pass, no sort.
            if filter == nil, let allListed {
                inboxOrder = allListed
                return
            }
            let items = workspace.items
            inboxOrder = rows.rows(filter, context: filterContext(filter), item: { items[$0] })
            if filter == nil { allListed = inboxOrder }
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
        inbox.index = keep.flatMap { listedRow(of: $0) } ?? 0
        // Each selected row found by halving: `inboxOrder.contains` per item was quadratic after `*`.
        if !selection.isEmpty {
            selection = selection.filter { listedRow(of: $0) != nil }
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
