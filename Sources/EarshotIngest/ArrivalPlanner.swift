import EarshotCore
import Foundation

/// Turns arrivals into `receive` requests: skips posts already known (the caller's
/// index covers the inbox and the archive), gives each new post a stable id, joins
/// replies to their parents, and marks the library's own posts. Pure.
public enum ArrivalPlanner {
    public struct Plan: Sendable {
        public var requests: [Request] = []
        /// Already in the store (or twice in this batch).
        public var known = 0
        /// Edits whose original is not in the store: nothing to attach them to.
        public var orphanEdits = 0
        public init() {}
    }

    /// - Parameters:
    ///   - lookup: the item id already holding a (channel, platform id), if any.
    ///   - ownHandles: the library's handles on these channels (compared without "@", case-insensitively).
    ///   - branch: the branch this source feeds, when the arrival names none.
    public static func plan(
        _ arrivals: [Arrival], actor: String, lookup: (ArrivalKey) -> String?,
        ownHandles: Set<String> = [], branch: String? = nil
    ) -> Plan {
        var plan = Plan()
        var fresh: [ArrivalKey: String] = [:]
        // Parents first, so a reply in the same batch finds its parent.
        let ordered = arrivals.enumerated().sorted { a, b in
            a.element.at == b.element.at ? a.offset < b.offset : a.element.at < b.element.at
        }.map(\.element)
        let own = Set(ownHandles.map(bare))
        var items: [InboxItem] = []
        for var arrival in ordered {
            if let original = arrival.editOf {
                // An edit joins the conversation of what it edits, under a key of its own.
                guard let originalID = lookup(ArrivalKey(arrival.channel, original)) ?? fresh[ArrivalKey(arrival.channel, original)] else {
                    plan.orphanEdits += 1
                    continue
                }
                arrival.inReplyTo = nil
                arrival.text = "[edited] " + arrival.text
                let key = arrival.key
                if lookup(key) != nil || fresh[key] != nil { plan.known += 1; continue }
                let id = itemID(key)
                fresh[key] = id
                items.append(item(arrival, id: id, parent: originalID, own: own, branch: branch))
                continue
            }
            let key = arrival.key
            if lookup(key) != nil || fresh[key] != nil {
                plan.known += 1
                continue
            }
            let id = itemID(key)
            fresh[key] = id
            let parent = arrival.inReplyTo.flatMap { p in lookup(ArrivalKey(arrival.channel, p)) ?? fresh[ArrivalKey(arrival.channel, p)] }
            items.append(item(arrival, id: id, parent: parent, own: own, branch: branch))
        }
        plan.requests = items.map { Request(.receive($0), by: actor) }
        return plan
    }

    static func item(_ a: Arrival, id: String, parent: String?, own: Set<String>, branch: String?) -> InboxItem {
        let ours = a.fromLibrary || own.contains(bare(a.handle))
        let text = a.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var item = InboxItem(
            id: id, channel: a.channel, platformID: a.platformID,
            author: Author(handle: a.handle, displayName: a.name.isEmpty ? a.handle : a.name),
            text: text.isEmpty ? "(no text)" : text, receivedAt: a.at, inReplyTo: parent,
            branch: a.branch ?? branch, status: ours ? .handled : .new, fromLibrary: ours)
        item.url = a.url.flatMap { $0.isEmpty ? nil : $0 }
        return item
    }

    static func bare(_ handle: String) -> String {
        (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
    }

    /// A stable id from the key, so a retried arrival gets the same id and is refused
    /// as a duplicate rather than stored twice: channel, then 16 hex digits (FNV-1a).
    public static func itemID(_ key: ArrivalKey) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(key.channel.rawValue)\u{1F}\(key.platformID)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\(key.channel.rawValue)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
