import Foundation

/// A parsed inbox filter such as `status:open tag:events -tag:spam "opening hours"`.
/// Terms are ANDed; a negated term must not match. Parse with `Filter.parse`.
public struct Filter: Hashable, Sendable {
    /// One `key:value`, or a bare word or phrase (`key == nil`).
    /// Keys are lower-case; values of enumerated keys (status, channel, is, age)
    /// are canonical (`channel:fb` is stored as `facebook`, `age:3d` as `>=3d`).
    /// For status, channel, branch, tag, assignee and is, a comma separates
    /// alternatives: `channel:x,bsky` matches either.
    public struct Term: Hashable, Sendable {
        public var key: String?
        public var value: String
        public var negated: Bool

        public init(key: String? = nil, value: String, negated: Bool = false) {
            self.key = key
            self.value = value
            self.negated = negated
        }
    }

    public var terms: [Term]

    public init(terms: [Term] = []) {
        self.terms = terms
    }

    /// An empty filter matches every item.
    public var isEmpty: Bool { terms.isEmpty }

    /// Hidden spam is listed only when a filter asks for it by name.
    public var asksForHidden: Bool {
        terms.contains { $0.value.split(separator: ",").contains("hidden") && !$0.negated }
    }

    public static func parse(_ text: String) -> Result<Filter, FilterError> {
        FilterParser.parse(text)
    }

    public func matches(_ item: InboxItem, in context: FilterContext) -> Bool {
        matcher(in: context)(item)
    }

    /// The filter prepared once, to ask of many items (see `Term.test`).
    public func matcher(in context: FilterContext) -> @Sendable (InboxItem) -> Bool {
        let tests = terms.map { (test: $0.test(context), negated: $0.negated) }
        return { item in tests.allSatisfy { $0.test(item) != $0.negated } }
    }

    /// The filter written back as text, canonical and re-parseable; for saved views.
    public var text: String {
        terms.map(\.text).joined(separator: " ")
    }
}

/// Why a filter could not be read, and where: `column` is the 0-based character
/// offset of the offending term, so the console can put a caret under it.
public struct FilterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var term: String
    public var column: Int

    public init(message: String, term: String, column: Int) {
        self.message = message
        self.term = term
        self.column = column
    }

    public var description: String { message }
}

/// What a filter needs beyond the item: who is asking, the time, and due dates.
public struct FilterContext: Sendable {
    public var me: StaffMember
    public var now: Date
    /// When each open item's first reply is due (from Schedule), keyed by item id; items absent have no target.
    public var due: [String: Date]
    /// Precomputed `ResponseTarget.state` per item id. When present it decides
    /// `is:overdue` / `is:due-soon`, so filters agree with the list's badges.
    public var dueStates: [String: DueState]
    /// Without a precomputed state, an item is due soon when its due time is this
    /// close (clock time).
    public var dueSoonWithin: TimeInterval

    public init(me: StaffMember, now: Date, due: [String: Date] = [:],
                dueStates: [String: DueState] = [:], dueSoonWithin: TimeInterval = 3600) {
        self.me = me
        self.now = now
        self.due = due
        self.dueStates = dueStates
        self.dueSoonWithin = dueSoonWithin
    }

    /// Overdue / due-soon state of an open item; nil when it has no target.
    func dueState(of item: InboxItem) -> DueState? {
        guard item.status.isOpen else { return nil }
        if let state = dueStates[item.id] { return state }
        guard let due = due[item.id] else { return nil }
        if now > due { return .overdue }
        return due.timeIntervalSince(now) <= dueSoonWithin ? .dueSoon : .onTrack
    }
}

extension Filter.Term {
    var alternatives: [String] {
        value.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
    }

    /// The test for this term, ignoring `negated`, with everything that does not
    /// depend on the item worked out once: alternatives split, channels and
    /// statuses resolved, names folded. A filter over 100,000 items then folds no
    /// text but the item's own. Values were validated by the parser; an invalid
    /// value built by hand matches nothing rather than trapping.
    func test(_ ctx: FilterContext) -> @Sendable (InboxItem) -> Bool {
        guard let key else {
            let needle = Normaliser.fold(value)
            return { Self.mentions($0, needle) }
        }
        switch key {
        case "status":
            let statuses = Set(alternatives.flatMap { s -> [ItemStatus] in
                switch s {
                case "open": ItemStatus.allCases.filter(\.isOpen)
                case "closed": ItemStatus.allCases.filter { !$0.isOpen }
                default: ItemStatus(rawValue: s).map { [$0] } ?? []
                }
            })
            return { statuses.contains($0.status) }
        case "channel":
            let channels = Set(alternatives.compactMap(FilterParser.channel))
            return { channels.contains($0.channel) }
        case "branch":
            let none = alternatives.contains { $0.lowercased() == "none" }
            let names = Set(alternatives.filter { $0.lowercased() != "none" }.map(Normaliser.fold))
            return { item in item.branch.map { names.contains(Normaliser.foldIfNeeded($0)) } ?? none }
        case "tag":
            let names = Set(alternatives.map(Normaliser.fold))
            return { item in item.tags.contains { names.contains(Normaliser.foldIfNeeded($0)) } }
        case "assignee":
            let lower = alternatives.map { $0.lowercased() }
            let me = lower.contains("me") ? ctx.me.login : nil
            let none = lower.contains("none")
            let names = Set(alternatives.filter { !["me", "none"].contains($0.lowercased()) }.map(Normaliser.fold))
            return { item in
                guard let who = item.assignee else { return none }
                return who == me || names.contains(Normaliser.foldIfNeeded(who))
            }
        case "is":
            let states = alternatives
            return { item in states.contains { Self.holds($0, item, ctx) } }
        case "age":
            guard let bound = AgeBound(value) else { return { _ in false } }
            let now = ctx.now
            return { bound.admits(now.timeIntervalSince($0.receivedAt)) }
        case "author":
            let needle = Normaliser.fold(value)
            return { Self.byAuthor($0, needle) }
        default:
            return { _ in false }
        }
    }

    private static func holds(_ state: String, _ item: InboxItem, _ ctx: FilterContext) -> Bool {
        switch state {
        case "unassigned": item.assignee == nil
        case "assigned": item.assignee != nil
        case "open": item.status.isOpen
        case "closed": !item.status.isOpen
        case "mine": item.assignee != nil && (item.assignee == ctx.me.login || item.assignee == ctx.me.branch)
        case "overdue": ctx.dueState(of: item) == .overdue
        case "due-soon": ctx.dueState(of: item) == .dueSoon
        default: false
        }
    }

    /// A bare word or phrase: in the text, or naming the author.
    private static func mentions(_ item: InboxItem, _ needle: String) -> Bool {
        Normaliser.contains(item.text, folded: needle) || byAuthor(item, needle)
    }

    /// Handles are compared without their leading "@", whichever side has it.
    private static func byAuthor(_ item: InboxItem, _ needle: String) -> Bool {
        let bare = needle.hasPrefix("@") ? String(needle.dropFirst()) : needle
        let handle = Normaliser.foldIfNeeded(item.author.handle)
        let bareHandle = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        return bareHandle.contains(bare) || Normaliser.contains(item.author.displayName, folded: needle)
    }

    var text: String {
        var needsQuotes = value.isEmpty || value.contains { $0.isWhitespace }
        if key == nil { needsQuotes = needsQuotes || value.contains(":") || value.hasPrefix("-") }
        let shown = needsQuotes ? "\"\(value)\"" : value
        return (negated ? "-" : "") + (key.map { "\($0):" } ?? "") + shown
    }
}

/// `age:` values: an operator, a whole number and a unit. A bare `3d` means `>=3d`.
struct AgeBound: Hashable {
    enum Op: String, CaseIterable { case ge = ">=", le = "<=", gt = ">", lt = "<" }
    var op: Op
    var seconds: Double
    var canonical: String

    static let units: [Character: Double] = ["m": 60, "h": 3600, "d": 86_400, "w": 604_800]

    init?(_ text: String) {
        var rest = Substring(text.lowercased())
        // Two-character operators first, so ">=" is not read as ">" then "=3d".
        let found = Op.allCases.first { rest.hasPrefix($0.rawValue) }
        op = found ?? .ge
        rest = rest.dropFirst(found?.rawValue.count ?? 0)
        guard let unit = rest.last, let scale = Self.units[unit] else { return nil }
        let digits = rest.dropLast()
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        seconds = Double(n) * scale
        canonical = op.rawValue + String(n) + String(unit)
    }

    func admits(_ age: TimeInterval) -> Bool {
        switch op {
        case .ge: age >= seconds
        case .le: age <= seconds
        case .gt: age > seconds
        case .lt: age < seconds
        }
    }
}
