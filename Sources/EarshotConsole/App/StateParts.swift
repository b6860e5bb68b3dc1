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
        /// When the post being written goes out.
        case postTime
        /// The drafts pane's filter.
        case draftFilter
        /// A refusal shown until dismissed, so keys typed in a hurry do nothing.
        case refused
        /// A new time for an approved post, from the schedule's row `row`.
        case reschedule(draft: String, basedOn: Int, row: Int)
    }

    public var purpose: Purpose
    public var label: String
    public var text = ""
    /// Insertion point, in characters (grapheme clusters).
    public var cursor = 0
    /// Words Tab can complete the last word to.
    public var candidates: [String] = []
    /// Tab's place in the matches for what was typed, so Tab again moves on to the next.
    public var completion: Completion?

    public struct Completion: Sendable, Equatable {
        public var matches: [String]
        public var index: Int
    }

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
    /// When it should go out; nil: as soon as approved.
    public var scheduledFor: Date?
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
    /// The last thing done in the menu was inserting a saved reply: `t` again replaces it.
    public var templateJustInserted = false
    /// The first policy finding shown under a post, when they do not all fit (`f` moves on).
    public var findingsStart = 0

    /// The text as it will be sent, and so as it is counted on screen: one place
    /// decides what leading and trailing blanks are dropped.
    public var outgoing: String { editor.text.trimmingCharacters(in: .whitespacesAndNewlines) }

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
        /// The item's version the undo acts on: `event`, or a later change of our own
        /// (a note, another triage), so our own work never blocks our undo.
        public var basedOn: Int? = nil
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
    /// `L`: figures for a period and scope.
    case analytics(AnalyticsScreen)
    /// The session's status messages, whole.
    case messages(scroll: Int)
}

/// Which revisions of which draft the diff view compares.
public struct Comparison: Sendable, Equatable {
    public var draft: String
    public private(set) var from: Int
    public private(set) var to: Int
    /// The word diff of the two revisions, worked out when they are picked, not on every redraw.
    public private(set) var spans: [DiffSpan] = []

    init(draft: String, from: Int, to: Int, in workspace: Workspace) {
        self.draft = draft
        self.from = from
        self.to = to
        pick(from: from, to: to, in: workspace)
    }

    /// Picks two revisions; the diff is worked out again only when they change.
    mutating func pick(from: Int, to: Int, in workspace: Workspace) {
        guard spans.isEmpty || from != self.from || to != self.to else { return }
        self.from = from
        self.to = to
        guard let draft = workspace.drafts[draft],
              let old = draft.revisions.first(where: { $0.number == from }),
              let new = draft.revisions.first(where: { $0.number == to }) else { spans = []; return }
        spans = WordDiff.diff(old.text, new.text)
    }
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
