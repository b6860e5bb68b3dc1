import EarshotCore
import Terminal

/// Everything a person can ask the console to do from the keyboard.
/// Raw values name actions in a keymap file.
public enum Action: String, CaseIterable, Sendable {
    case quit, help, palette, focusNext, focusPrevious, focusInbox, focusDrafts
    case down, up, top, bottom, pageDown, pageUp, open, back
    case markHandled, markNeedsReply, escalate, hideSpam
    case reply, assign, tag, note, toggleSelect, selectAll, clearSelection, undo
    case search, nextMatch, previousMatch, filter, clearFilter, sortByTimeLeft
    case view1, view2, view3, view4, view5, view6, view7
    case approve, requestChanges, reject, approveAt, scheduleView, compare, newPost, editDraft
    case analytics
    case suspend
    case submitDraft, withdrawDraft, holdPost, unschedulePost, copyDraft, resumePost, retryDelivery, withdrawDelivery, removePost
    case postSubmit, postSave, postText, postTime, postChannels, postImage, postClose, postDiscard, postFindings
    case reschedule, compareOlderFrom, compareNewerFrom, compareOlderTo, compareNewerTo, messageLog
}

/// Where a binding applies: everywhere, or in one pane.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, inbox, drafts
    /// The menu of the post composer (after Esc); listed in help, not dispatched through `action`.
    case postMenu
    /// The schedule (`S`) and the revision comparison (`D`), each with its own keys and help.
    case schedule, compare
}

/// A key binding carries its own help text, so `?` and the hint line are generated
/// from the keymap and can never disagree with it.
public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    public var help: String
    public var context: KeyContext
    /// Shown in the one-line hint bar at the bottom.
    public var hint: String?
    /// The roles the hint is offered to (nil: everyone); the key itself works for all, and the store decides.
    public var hintFor: [Role]? = nil
}

public struct Keymap: Sendable {
    public var bindings: [Binding]

    public func action(for key: Key, in context: KeyContext) -> Action? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
            ?? bindings.first { $0.context == .global && $0.keys.contains(key) }?.action
    }

    /// The bindings of a pane followed by the global ones, as help lists them.
    public func bindings(for context: KeyContext) -> [Binding] {
        bindings.filter { $0.context == context } + bindings.filter { $0.context == .global }
    }

    public static let standard = Keymap(bindings: [
        Binding(action: .markHandled, keys: [.char("d")], help: "mark handled (done)", context: .inbox, hint: "done"),
        Binding(action: .markNeedsReply, keys: [.char("f")], help: "flag: needs a reply", context: .inbox),
        Binding(action: .escalate, keys: [.char("e")], help: "escalate to comms", context: .inbox),
        Binding(action: .hideSpam, keys: [.char("s")], help: "hide as spam", context: .inbox, hint: "spam"),
        Binding(action: .reply, keys: [.char("r")], help: "reply in the built-in editor", context: .inbox, hint: "reply"),
        Binding(action: .assign, keys: [.char("a")], help: "assign to a colleague or branch", context: .inbox, hint: "assign"),
        Binding(action: .tag, keys: [.char("t")], help: "tags: +add -remove", context: .inbox),
        Binding(action: .note, keys: [.char("m")], help: "internal note (never published)", context: .inbox),
        Binding(action: .toggleSelect, keys: [.char(" ")], help: "select / unselect for a bulk action", context: .inbox),
        Binding(action: .selectAll, keys: [.char("*")], help: "select everything listed", context: .inbox),
        Binding(action: .clearSelection, keys: [.char("-")], help: "clear the selection", context: .inbox),
        Binding(action: .undo, keys: [.char("u")], help: "undo your last triage action", context: .inbox, hint: "undo"),
        Binding(action: .search, keys: [.char("/")], help: "search text and authors as you type", context: .inbox),
        Binding(action: .nextMatch, keys: [.char("n")], help: "next search match", context: .inbox),
        Binding(action: .previousMatch, keys: [.char("N")], help: "previous search match", context: .inbox),
        Binding(action: .filter, keys: [.char("F")], help: "filter: status:new channel:x tag:events age:>2h -is:assigned …", context: .inbox),
        Binding(action: .clearFilter, keys: [.char("0")], help: "show everything (clear the filter)", context: .inbox),
        Binding(action: .sortByTimeLeft, keys: [.char("o")], help: "order by time left to reply / newest first", context: .inbox),
        Binding(action: .view1, keys: [.char("3")], help: "saved view 1", context: .inbox),
        Binding(action: .view2, keys: [.char("4")], help: "saved view 2", context: .inbox),
        Binding(action: .view3, keys: [.char("5")], help: "saved view 3", context: .inbox),
        Binding(action: .view4, keys: [.char("6")], help: "saved view 4", context: .inbox),
        Binding(action: .view5, keys: [.char("7")], help: "saved view 5", context: .inbox),
        Binding(action: .view6, keys: [.char("8")], help: "saved view 6", context: .inbox),
        Binding(action: .view7, keys: [.char("9")], help: "saved view 7", context: .inbox),
        Binding(action: .approve, keys: [.char("a")], help: "approve (comms)", context: .drafts, hint: "approve", hintFor: [.comms]),
        Binding(action: .requestChanges, keys: [.char("c")], help: "request changes with a comment (comms)", context: .drafts, hint: "changes", hintFor: [.comms]),
        Binding(action: .reject, keys: [.char("x")], help: "reject with a reason (comms)", context: .drafts),
        Binding(action: .newPost, keys: [.char("n")], help: "write a new post for approval", context: .drafts, hint: "new"),
        Binding(action: .editDraft, keys: [.char("e")], help: "edit the draft (author, or comms as reviewer)", context: .drafts),
        Binding(action: .sortByTimeLeft, keys: [.char("o")], help: "order the queue by scheduled time / waiting time", context: .drafts),
        Binding(action: .approveAt, keys: [.char("A")], help: "approve to go out at a date and time (comms)", context: .drafts),
        Binding(action: .compare, keys: [.char("D")], help: "compare revisions word by word", context: .drafts, hint: "diff"),
        Binding(action: .scheduleView, keys: [.char("S")], help: "schedule: approved posts day by day", context: .drafts, hint: "schedule"),
        Binding(action: .submitDraft, keys: [.char("s")], help: "submit your saved draft for approval", context: .drafts, hint: "submit", hintFor: [.staff, .admin]),
        Binding(action: .withdrawDraft, keys: [.char("w")], help: "withdraw your submitted draft from review", context: .drafts),
        Binding(action: .holdPost, keys: [.char("h")], help: "hold an approved post back in the queue (comms)", context: .drafts, hint: "hold", hintFor: [.comms]),
        Binding(action: .unschedulePost, keys: [.char("U")], help: "unschedule: clear its time, back to the queue (comms)", context: .drafts),
        Binding(action: .retryDelivery, keys: [.char("R")], help: "try a post that failed to reach a platform again (comms)", context: .drafts),
        Binding(action: .withdrawDelivery, keys: [.char("W")], help: "withdraw a published post not yet delivered (comms)", context: .drafts),
        Binding(action: .removePost, keys: [.char("X")], help: "delete a delivered post from Mastodon, Bluesky and Facebook (comms)", context: .drafts),
        Binding(action: .copyDraft, keys: [.char("C")], help: "copy a rejected draft into a new one", context: .drafts),
        Binding(action: .resumePost, keys: [.char("r")], help: "reopen the post you were writing", context: .drafts),
        Binding(action: .filter, keys: [.char("F")], help: "filter: state:submitted channel:x author:aisha branch:central needs:second-approval scheduled:this-week mine", context: .drafts),
        Binding(action: .clearFilter, keys: [.char("0")], help: "show every draft (clear the filter)", context: .drafts),
        Binding(action: .search, keys: [.char("/")], help: "filter the drafts by words and terms", context: .drafts),
        Binding(action: .view1, keys: [.char("3")], help: "view: waiting for approval", context: .drafts),
        Binding(action: .view2, keys: [.char("4")], help: "view: needs a second approval", context: .drafts),
        Binding(action: .view3, keys: [.char("5")], help: "view: going out this week", context: .drafts),
        Binding(action: .view4, keys: [.char("6")], help: "view: mine", context: .drafts),
        Binding(action: .view5, keys: [.char("7")], help: "view: expired or sent back", context: .drafts),
        Binding(action: .view6, keys: [.char("8")], help: "view: rejected", context: .drafts),
        Binding(action: .postSubmit, keys: [.char("y")], help: "submit for approval", context: .postMenu, hint: "submit"),
        Binding(action: .postSave, keys: [.char("s")], help: "save as a draft", context: .postMenu, hint: "save"),
        Binding(action: .postText, keys: [.char("e"), .enter, .escape], help: "back to the text", context: .postMenu, hint: "edit"),
        Binding(action: .postTime, keys: [.char("t")], help: "when it goes out (YYYY-MM-DD HH:MM; empty: when approved)", context: .postMenu, hint: "time"),
        Binding(action: .postChannels, keys: [.char("h")], help: "channels it goes out on", context: .postMenu, hint: "channels"),
        Binding(action: .postImage, keys: [.char("i")], help: "image: path | alt text; the same path fixes it, -path removes it", context: .postMenu, hint: "image"),
        Binding(action: .postFindings, keys: [.char("f")], help: "the next policy findings, when they do not all fit", context: .postMenu),
        Binding(action: .postClose, keys: [.char("q")], help: "close, keeping the post (r in the drafts pane reopens it)", context: .postMenu, hint: "close"),
        Binding(action: .postDiscard, keys: [.char("x")], help: "discard the post", context: .postMenu, hint: "discard"),
        Binding(action: .open, keys: [.enter], help: "open the post in the drafts pane", context: .schedule, hint: "open"),
        Binding(action: .holdPost, keys: [.char("h")], help: "hold it back in the queue (comms)", context: .schedule, hint: "hold"),
        Binding(action: .unschedulePost, keys: [.char("U")], help: "unschedule: clear its time, back to the queue (comms)", context: .schedule, hint: "unschedule"),
        Binding(action: .reschedule, keys: [.char("t")], help: "move it to a new time; the officers approve the new time", context: .schedule, hint: "reschedule"),
        Binding(action: .approveAt, keys: [.char("A")], help: "approve it yourself for a new time (comms)", context: .schedule),
        Binding(action: .back, keys: [.escape, .char("S")], help: "back to the panes", context: .schedule),
        Binding(action: .compareOlderFrom, keys: [.char("[")], help: "older revision on the left", context: .compare, hint: "older"),
        Binding(action: .compareNewerFrom, keys: [.char("]")], help: "newer revision on the left", context: .compare),
        Binding(action: .compareOlderTo, keys: [.char("{")], help: "older revision on the right", context: .compare),
        Binding(action: .compareNewerTo, keys: [.char("}")], help: "newer revision on the right", context: .compare, hint: "newer"),
        Binding(action: .back, keys: [.escape, .char("D")], help: "back to the drafts", context: .compare, hint: "back"),
        Binding(action: .down, keys: [.char("j"), .down], help: "next row", context: .global),
        Binding(action: .up, keys: [.char("k"), .up], help: "previous row", context: .global),
        Binding(action: .top, keys: [.char("g"), .home], help: "first row", context: .global),
        Binding(action: .bottom, keys: [.char("G"), .end], help: "last row", context: .global),
        Binding(action: .pageDown, keys: [.pageDown, .ctrl("f")], help: "page down", context: .global),
        Binding(action: .pageUp, keys: [.pageUp, .ctrl("b")], help: "page up", context: .global),
        Binding(action: .open, keys: [.enter], help: "open the whole text", context: .global),
        Binding(action: .back, keys: [.escape], help: "back, close", context: .global),
        Binding(action: .focusNext, keys: [.tab], help: "next pane", context: .global),
        Binding(action: .focusPrevious, keys: [.backTab], help: "previous pane", context: .global),
        Binding(action: .focusInbox, keys: [.char("1")], help: "go to the inbox", context: .global),
        Binding(action: .focusDrafts, keys: [.char("2")], help: "go to the drafts", context: .global),
        Binding(action: .analytics, keys: [.char("L")], help: "listening analytics: volume, reply times, backlog, approvals", context: .global),
        Binding(action: .help, keys: [.char("?")], help: "help: every key of this pane", context: .global, hint: "help"),
        Binding(action: .palette, keys: [.char(":")], help: "command palette: every action by name", context: .global, hint: "cmds"),
        Binding(action: .messageLog, keys: [.char("M")], help: "message log: every status message of this session, whole", context: .global),
        Binding(action: .quit, keys: [.char("q")], help: "quit", context: .global, hint: "quit"),
        // No key by default: C-z is the editor's undo. keymap.json can bind it.
        Binding(action: .suspend, keys: [], help: "suspend to the shell (fg comes back)", context: .global),
    ])
}

extension Key {
    /// How help shows a key: "j", "↓", "Enter", "S-Tab", "C-f".
    public func label(ascii: Bool) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return ascii ? "Up" : "↑"
        case .down: return ascii ? "Down" : "↓"
        case .left: return ascii ? "Left" : "←"
        case .right: return ascii ? "Right" : "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .paste: return "paste"
        case .alt(let c): return "M-\(c)"
        case .ctrlLeft: return "C-Left"
        case .ctrlRight: return "C-Right"
        case .altBackspace: return "M-Bksp"
        case .unknown(let code): return "key \(code)"
        }
    }
}
