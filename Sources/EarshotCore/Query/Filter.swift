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

    public static func parse(_ text: String) -> Result<Filter, FilterError> {
        FilterParser.parse(text)
    }

    public func matches(_ item: InboxItem, in context: FilterContext) -> Bool {
        terms.allSatisfy { $0.matches(item, context) != $0.negated }
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

    /// Whether the term holds, ignoring `negated`. Values were validated by the parser;
    /// an invalid value built by hand matches nothing rather than trapping.
    func matches(_ item: InboxItem, _ ctx: FilterContext) -> Bool {
        guard let key else { return Self.mentions(item, Normaliser.fold(value)) }
        switch key {
        case "status":
            return alternatives.contains { s in
                switch s {
                case "open": item.status.isOpen
                case "closed": !item.status.isOpen
                default: item.status.rawValue == s
                }
            }
        case "channel":
            return alternatives.contains { FilterParser.channel($0) == item.channel }
        case "branch":
            return alternatives.contains { b in
                b.lowercased() == "none" ? item.branch == nil : Self.same(item.branch, b)
            }
        case "tag":
            return alternatives.contains { t in item.tags.contains { Self.same($0, t) } }
        case "assignee":
            return alternatives.contains { a in
                switch a.lowercased() {
                case "me": item.assignee == ctx.me.login
                case "none": item.assignee == nil
                default: Self.same(item.assignee, a)
                }
            }
        case "is":
            return alternatives.contains { Self.holds($0, item, ctx) }
        case "age":
            guard let bound = AgeBound(value) else { return false }
            return bound.admits(ctx.now.timeIntervalSince(item.receivedAt))
        case "author":
            return Self.byAuthor(item, Normaliser.fold(value))
        default:
            return false
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
        let handle = Normaliser.fold(item.author.handle)
        let bareHandle = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        return bareHandle.contains(bare) || Normaliser.contains(item.author.displayName, folded: needle)
    }

    private static func same(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        return Normaliser.fold(a) == Normaliser.fold(b)
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
