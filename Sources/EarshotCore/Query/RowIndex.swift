import Foundation

/// Every inbox item's listing facts, newest first, one column per fact: what a
/// filter over 100,000 items reads instead of the items themselves. Taking an
/// item out of the table copies a dozen strings; a column is a byte.
///
/// Filter terms on status, channel, branch, tag, assignee and `is:` (but
/// overdue) are decided from the columns. Their meaning is not written twice:
/// each term is asked once per distinct value (a probe item carrying that value),
/// and the answers become tables. Other terms (words, author, age, due) are asked
/// of the item, and only for rows the columns let through.
public struct RowIndex: Sendable {
    /// Item ids, newest first; ties broken by id, larger first.
    public private(set) var ids: [String] = []
    private var at: [Double] = []
    private var status: [UInt8] = []
    private var channel: [UInt8] = []
    private var branch: [UInt32] = []
    private var assignee: [UInt32] = []
    /// One bit per tag among the first 63 seen; bit 63 for any other.
    private var tags: [UInt64] = []
    private var fromLibrary: [Bool] = []
    /// Branch, assignee and tag names by code; code 0 is "none".
    private var names: [String] = [""]
    private var codes: [String: UInt32] = ["": 0]
    private var tagBits: [String: Int] = [:]
    private var tagNames: [String] = []

    static let statuses = ItemStatus.allCases
    static let channels = Channel.allCases
    static let otherTags = 63

    public init() {}

    /// One pass over the items and one sort of their keys.
    public init(items: ItemTable) {
        var keys: [(at: Double, id: String, slot: Int)] = []
        keys.reserveCapacity(items.count)
        var unsorted = RowIndex()
        for item in items.values {
            keys.append((item.receivedAt.timeIntervalSinceReferenceDate, item.id, keys.count))
            unsorted.append(item)
        }
        keys.sort { $0.at != $1.at ? $0.at > $1.at : $0.id > $1.id }
        self = unsorted
        ids = keys.map(\.id)
        at = keys.map(\.at)
        status = keys.map { unsorted.status[$0.slot] }
        channel = keys.map { unsorted.channel[$0.slot] }
        branch = keys.map { unsorted.branch[$0.slot] }
        assignee = keys.map { unsorted.assignee[$0.slot] }
        tags = keys.map { unsorted.tags[$0.slot] }
        fromLibrary = keys.map { unsorted.fromLibrary[$0.slot] }
    }

    public var count: Int { ids.count }

    /// Puts the item's facts in its row, adding the row if it is new.
    public mutating func upsert(_ item: InboxItem) {
        let key = item.receivedAt.timeIntervalSinceReferenceDate
        let i = position(at: key, id: item.id)
        if i < ids.count, ids[i] == item.id {
            status[i] = Self.code(item.status)
            channel[i] = Self.code(item.channel)
            branch[i] = intern(item.branch)
            assignee[i] = intern(item.assignee)
            tags[i] = bits(item.tags)
            fromLibrary[i] = item.fromLibrary
            return
        }
        ids.insert(item.id, at: i)
        at.insert(key, at: i)
        status.insert(Self.code(item.status), at: i)
        channel.insert(Self.code(item.channel), at: i)
        branch.insert(intern(item.branch), at: i)
        assignee.insert(intern(item.assignee), at: i)
        tags.insert(bits(item.tags), at: i)
        fromLibrary.insert(item.fromLibrary, at: i)
    }

    /// The first row not newer than (`key`, `id`): where that item is, or goes.
    func position(at key: Double, id: String) -> Int {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if at[mid] > key || (at[mid] == key && ids[mid] > id) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The ids listed under `filter`, newest first: hidden spam and the library's
    /// own posts stay out unless the filter asks for hidden. `item` answers the
    /// terms the columns cannot.
    public func rows(_ filter: Filter?, context: FilterContext, item: (String) -> InboxItem?) -> [String] {
        let showHidden = filter?.asksForHidden ?? false
        let hidden = Self.code(.hidden)
        var columnTerms: [(table: [Bool], column: Column, negated: Bool, test: @Sendable (InboxItem) -> Bool)] = []
        var itemTerms: [Filter.Term] = []
        for term in filter?.terms ?? [] {
            if let (column, table) = tableFor(term, context) {
                columnTerms.append((table, column, term.negated, term.test(context)))
            } else {
                itemTerms.append(term)
            }
        }
        let rest = itemTerms.isEmpty ? nil : Filter(terms: itemTerms).matcher(in: context)
        // One term at a time over the rows still in, each a tight loop over one column
        // (per row and term, a loop over terms retained their tables: twice as slow).
        var left: [Int] = []
        left.reserveCapacity(ids.count)
        for i in ids.indices where !fromLibrary[i] && (showHidden || status[i] != hidden) { left.append(i) }
        let width = names.count
        for term in columnTerms {
            let table = term.table, negated = term.negated
            switch term.column {
            case .status: left.removeAll { table[Int(status[$0])] == negated }
            case .channel: left.removeAll { table[Int(channel[$0])] == negated }
            case .branch: left.removeAll { table[Int(branch[$0])] == negated }
            case .assignee: left.removeAll { table[Int(assignee[$0])] == negated }
            case .statusAndAssignee: left.removeAll { table[Int(status[$0]) * width + Int(assignee[$0])] == negated }
            case .tags:
                left.removeAll { i in
                    let t = tags[i]
                    // A tag beyond the 63 that have bits: ask the item.
                    let value = t >> UInt64(Self.otherTags) != 0 ? item(ids[i]).map(term.test) ?? false : tagMatch(table, t)
                    return value == negated
                }
            }
        }
        if let rest { left.removeAll { !(item(ids[$0]).map(rest) ?? false) } }
        return left.map { ids[$0] }
    }

    enum Column { case status, channel, branch, assignee, tags, statusAndAssignee }

    /// The term's answer for every value of its column, or nil when the column
    /// cannot decide it.
    private func tableFor(_ term: Filter.Term, _ context: FilterContext) -> (Column, [Bool])? {
        let test = term.test(context)
        switch term.key {
        case "status": return (.status, Self.statuses.map { s in test(Self.probe { $0.status = s }) })
        case "channel": return (.channel, Self.channels.map { c in test(Self.probe { $0.channel = c }) })
        case "branch": return (.branch, names.indices.map { n in test(Self.probe { $0.branch = n == 0 ? nil : names[n] }) })
        case "assignee": return (.assignee, names.indices.map { n in test(Self.probe { $0.assignee = n == 0 ? nil : names[n] }) })
        case "tag": return (.tags, tagNames.map { t in test(Self.probe { $0.tags = [t] }) })
        case "is":
            // Unassigned, mine, open and the like depend on status and assignee alone.
            let onColumns: Set<String> = ["unassigned", "assigned", "open", "closed", "mine"]
            guard term.alternatives.allSatisfy(onColumns.contains) else { return nil }
            var table: [Bool] = []
            for s in Self.statuses {
                for n in names.indices { table.append(test(Self.probe { $0.status = s; $0.assignee = n == 0 ? nil : names[n] })) }
            }
            return (.statusAndAssignee, table)
        default: return nil
        }
    }

    private func tagMatch(_ table: [Bool], _ t: UInt64) -> Bool {
        var rest = t
        while rest != 0 {
            let bit = rest.trailingZeroBitCount
            if table[bit] { return true }
            rest &= rest - 1
        }
        return false
    }

    private static func probe(_ set: (inout InboxItem) -> Void) -> InboxItem {
        var item = InboxItem(id: "", channel: .x, platformID: "", author: Author(handle: "", displayName: ""), text: "", receivedAt: .distantPast)
        set(&item)
        return item
    }

    private static func code(_ s: ItemStatus) -> UInt8 { UInt8(statuses.firstIndex(of: s)!) }
    private static func code(_ c: Channel) -> UInt8 { UInt8(channels.firstIndex(of: c)!) }

    private mutating func intern(_ name: String?) -> UInt32 {
        guard let name else { return 0 }
        if let code = codes[name] { return code }
        let code = UInt32(names.count)
        names.append(name)
        codes[name] = code
        return code
    }

    private mutating func bits(_ list: [String]) -> UInt64 {
        var out: UInt64 = 0
        for tag in list {
            if let bit = tagBits[tag] {
                out |= 1 << UInt64(bit)
            } else if tagNames.count < Self.otherTags {
                tagBits[tag] = tagNames.count
                out |= 1 << UInt64(tagNames.count)
                tagNames.append(tag)
            } else {
                out |= 1 << UInt64(Self.otherTags)
            }
        }
        return out
    }

    private mutating func append(_ item: InboxItem) {
        ids.append(item.id)
        at.append(item.receivedAt.timeIntervalSinceReferenceDate)
        status.append(Self.code(item.status))
        channel.append(Self.code(item.channel))
        branch.append(intern(item.branch))
        assignee.append(intern(item.assignee))
        tags.append(bits(item.tags))
        fromLibrary.append(item.fromLibrary)
    }
}
