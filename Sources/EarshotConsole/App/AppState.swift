import EarshotCore
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

/// A one-line text prompt at the bottom of the screen.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case requestChanges(draft: String, revision: Int, basedOn: Int)
        case reject(draft: String, revision: Int, basedOn: Int)
    }

    public var purpose: Purpose
    public var label: String
    public var text = ""
    /// Insertion point, in characters (grapheme clusters).
    public var cursor = 0
}

public enum Mode: Sendable, Equatable {
    case normal
    /// The selected item or draft shown whole (Enter); `scroll` is the first line shown.
    case detail(scroll: Int)
    case help(scroll: Int)
    case prompt(Prompt)
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
    /// Inbox rows in display order (ids), rebuilt only when the workspace changes,
    /// so a key press never sorts the whole inbox.
    public private(set) var inboxOrder: [String] = []
    public private(set) var draftOrder: [String] = []
    public private(set) var summary: ListeningSummary

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
        if events.map({ $0.contains(where: Self.changesInboxRows) }) ?? true { rebuildInboxOrder() }
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

    private mutating func rebuildInboxOrder() {
        // Newest first; spam that was hidden and the library's own posts stay out of the list.
        inboxOrder = workspace.items.values
            .filter { $0.status != .hidden && !$0.fromLibrary }
            .sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
            .map(\.id)
    }

    private mutating func rebuildDraftOrder() {
        draftOrder = workspace.drafts.values
            .sorted { a, b in
                let (ra, rb) = (Self.rank(a.state), Self.rank(b.state))
                if ra != rb { return ra < rb }
                // Waiting drafts oldest first (who has waited longest); the rest newest first.
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
