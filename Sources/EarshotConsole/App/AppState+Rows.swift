import EarshotCore
import Foundation

/// Keeping the inbox's rows in step with the store without scanning it: a triage,
/// an arrival or a tag moves only the rows of the items it touched, so the cost
/// of a key does not grow with the inbox.
extension AppState {
    /// Whether an item is listed under `filter`: hidden spam and the library's own
    /// posts stay out unless the filter asks for hidden. `only` limits the due
    /// states worked out (for `is:overdue`) to the items about to be asked.
    func listingTest(_ filter: Filter?, only ids: [String]? = nil) -> (InboxItem) -> Bool {
        let showHidden = filter?.asksForHidden ?? false
        let matches = filter?.matcher(in: filterContext(filter, only: ids))
        return { item in (item.status != .hidden || showHidden) && !item.fromLibrary && (matches?(item) ?? true) }
    }

    /// Who asks, the time, and due dates; due states (open time left, per item)
    /// only for a filter that asks about them, and only for `ids` when given.
    func filterContext(_ filter: Filter?, only ids: [String]? = nil) -> FilterContext {
        var context = FilterContext(me: me, now: now, due: due)
        if filter?.terms.contains(where: { $0.value.contains("overdue") || $0.value.contains("due-soon") }) ?? false {
            let memo = HoursMemo(calendar: workspace.config.calendar)
            for id in ids ?? Array(due.keys) {
                if let item = workspace.items[id], let at = due[id] { context.dueStates[id] = dueState(of: item, due: at, memo: memo) }
            }
        }
        return context
    }

    /// At open, or after a change too big to follow: the rows, the unfiltered
    /// list and the reply index, from every item.
    mutating func sortEveryItem() {
        rows = RowIndex(items: workspace.items)
        replies = Conversation.replyIndex(workspace)
        allListed = rows.rows(nil, context: filterContext(nil), item: { _ in nil })
        newestFirstStale = false
    }

    /// Follows `events` in the lists without a scan. False when only a rebuild will
    /// do: at open, in the order by time left, or for a change too big to list.
    mutating func followRows(_ events: [Event]) -> Bool {
        guard !newestFirstStale else { return false }
        var touched: [String] = []
        var seen: Set<String> = []
        for event in events {
            for id in event.change.changedItems where seen.insert(id).inserted { touched.append(id) }
            if case .received(let item) = event.change {
                if let parent = item.inReplyTo, !(replies[parent]?.contains(item.id) ?? false) { replies[parent, default: []].append(item.id) }
            }
        }
        guard !touched.isEmpty else { return true }
        let items = workspace.items
        let present = touched.compactMap { items[$0] }
        for item in present { rows.upsert(item) }
        guard !sortByDue else { return false }
        let keep = listingTest(filter, only: touched)
        let plain = filter == nil ? keep : listingTest(nil)
        // Unfiltered, the kept rows are these very rows: let go of the share first, or
        // moving one row copies the whole list (a million ids at 1M).
        if filter == nil { allListed = nil }
        Self.place(present.map { ($0.id, keep($0)) }, in: &inboxOrder, items: items)
        if filter == nil {
            allListed = inboxOrder
        } else if allListed != nil {
            Self.place(present.map { ($0.id, plain($0)) }, in: &allListed!, items: items)
        }
        return true
    }

    /// Many rows at once (a bulk action on 1,000 items): each found by halving, then
    /// one pass that drops and inserts them all, instead of moving the array per row.
    static func place(_ rows: [(id: String, listed: Bool)], in order: inout [String], items: ItemTable) {
        guard rows.count > 16 else {
            for row in rows { place(row.id, listed: row.listed, in: &order, items: items) }
            return
        }
        var drop: [Int] = []
        var add: [(at: Int, key: (Date, String))] = []
        for (id, listed) in rows {
            guard let item = items[id] else { continue }
            let key = (item.receivedAt, item.id)
            let at = row(for: key, in: order, items: items)
            let present = at < order.count && order[at] == id
            if present, !listed { drop.append(at) }
            if !present, listed { add.append((at, key)) }
        }
        guard !drop.isEmpty || !add.isEmpty else { return }
        drop.sort()
        // By the row they go before, and newest first among those that go before the same row.
        add.sort { $0.at != $1.at ? $0.at < $1.at : $0.key > $1.key }
        var result: [String] = []
        result.reserveCapacity(order.count - drop.count + add.count)
        var d = 0, a = 0
        for i in 0...order.count {
            while a < add.count, add[a].at == i {
                result.append(add[a].key.1)
                a += 1
            }
            guard i < order.count else { break }
            if d < drop.count, drop[d] == i {
                d += 1
                continue
            }
            result.append(order[i])
        }
        order = result
    }

    /// Puts an item's row in its place in a newest-first list, or takes it out.
    static func place(_ id: String, listed: Bool, in order: inout [String], items: ItemTable) {
        guard let item = items[id] else { return }
        let at = row(for: (item.receivedAt, item.id), in: order, items: items)
        let present = at < order.count && order[at] == id
        if present, !listed { order.remove(at: at) }
        if !present, listed { order.insert(id, at: at) }
    }

    /// The first row of a newest-first list that is not newer than `key`: where
    /// the item is, or where it goes.
    static func row(for key: (Date, String), in order: [String], items: ItemTable) -> Int {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            let other = items[order[mid]].map { ($0.receivedAt, $0.id) } ?? (.distantPast, "")
            if other > key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The row an item is listed at, if it is; by halving in the newest-first order.
    func listedRow(of id: String) -> Int? {
        guard !sortByDue else { return inboxOrder.firstIndex(of: id) }
        guard let item = workspace.items[id] else { return nil }
        let at = Self.row(for: (item.receivedAt, item.id), in: inboxOrder, items: workspace.items)
        return at < inboxOrder.count && inboxOrder[at] == id ? at : nil
    }
}
