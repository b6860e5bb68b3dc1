import Foundation

/// In-reply-to chains read as one conversation, the library's own replies included.
public enum Conversation {
    public struct Entry: Hashable, Sendable {
        public var id: String
        public var author: String
        public var text: String
        public var at: Date
        /// The library's own post or reply (imported, or written in Earshot).
        public var fromLibrary: Bool
    }

    /// Every message in the thread that `id` belongs to, oldest first: the chain up to
    /// its root, every reply below the root, and replies written in Earshot that
    /// have gone out or are approved to go.
    public static func thread(of id: String, in ws: Workspace, replies: [String: [String]]? = nil) -> [Entry] {
        guard var root = ws.items[id] else { return [] }
        var seen: Set<String> = [root.id]
        while let parent = root.inReplyTo.flatMap({ ws.items[$0] }), seen.insert(parent.id).inserted {
            root = parent
        }
        // Replies by parent: a thread is small, the inbox may not be, so callers
        // that draw often pass an index they keep (see `replyIndex`).
        let children = replies ?? replyIndex(ws)
        var members: [InboxItem] = [root]
        var frontier = [root.id]
        var inThread: Set<String> = [root.id]
        while let next = frontier.popLast() {
            for childID in children[next] ?? [] where inThread.insert(childID).inserted {
                guard let child = ws.items[childID] else { continue }
                members.append(child)
                frontier.append(child.id)
            }
        }
        var entries = members.map {
            Entry(id: $0.id, author: $0.author.displayName, text: $0.text, at: $0.receivedAt, fromLibrary: $0.fromLibrary)
        }
        for draft in ws.drafts.values where draft.inReplyTo.map(inThread.contains) == true {
            guard [.approved, .scheduled, .published, .submitted].contains(draft.state) else { continue }
            let who = ws.member(draft.author)?.name ?? draft.author
            let pending = draft.state == .submitted ? " [awaiting approval]" : ""
            entries.append(Entry(id: draft.id, author: who, text: draft.text + pending, at: draft.createdAt, fromLibrary: true))
        }
        return entries.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// Item ids by the id they reply to.
    public static func replyIndex(_ ws: Workspace) -> [String: [String]] {
        var index: [String: [String]] = [:]
        for item in ws.items.values {
            if let parent = item.inReplyTo { index[parent, default: []].append(item.id) }
        }
        return index
    }
}
