import Foundation

/// The facts analytics are computed from, folded from every event since the store
/// began and kept with the snapshot, so figures for any period never read raw
/// history. One `Arrival` per comment from the public, one `Mark` per dated
/// happening (a submission, a decision, a reply, a broadcast, an escalation).
public struct Ledger: Hashable, Sendable {
    public struct Arrival: Hashable, Sendable {
        public var id: String
        public var channel: Channel
        public var branch: String?
        public var receivedAt: Date
        /// The author's handle: for follow-up inside the console, never printed in reports.
        public var author: String
        public var tags: [String]
        /// When the public first got an answer: a direct reply, or a reply published after approval.
        public var firstReplyAt: Date?
        /// When it last left the open states; nil while it is open.
        public var closedAt: Date?
        /// Waiting for comms now.
        public var escalated = false
    }

    public enum Kind: String, Codable, Sendable {
        case submitted, approved, changesRequested, rejected
        /// A reply reached the public; a broadcast is the service's own post.
        case reply, broadcast
        case escalated, deescalated
    }

    public struct Mark: Hashable, Sendable {
        public var kind: Kind
        public var at: Date
        /// The draft, or for escalations the item.
        public var subject: String
        public var actor: String
        public var branch: String?
        public var channels: [Channel]
    }

    /// What later events about a draft need to know of it.
    struct DraftFacts: Hashable, Sendable {
        var branch: String?
        var channels: [Channel]
        var inReplyTo: String?
        var direct: Bool
        var published: Bool
    }

    // Chunked and sharded: the console shares the ledger with its store, and one
    // triage must not copy a year of arrivals (see `ChunkedArray`).
    public private(set) var arrivals = ChunkedArray<Arrival>()
    public private(set) var marks = ChunkedArray<Mark>()
    var drafts: [String: DraftFacts] = [:]
    /// Arrival index by item id; rebuilt on decoding rather than stored.
    private var index = ShardedTable<Int>()

    public init() {}

    /// Used by decoding, which stores the fields column by column.
    init(arrivals: [Arrival], marks: [Mark], drafts: [String: DraftFacts]) {
        self.arrivals = ChunkedArray(arrivals)
        self.marks = ChunkedArray(marks)
        self.drafts = drafts
        for (i, a) in arrivals.enumerated() { index[a.id] = i }
    }

    public func arrival(_ id: String) -> Arrival? { index[id].map { arrivals[$0] } }

    /// Folds one event in. Unknown targets are skipped, as `Workspace.apply` does.
    public mutating func fold(_ event: Event) {
        let at = event.at
        switch event.change {
        case .received(let item):
            guard !item.fromLibrary, index[item.id] == nil else { return }
            index[item.id] = arrivals.count
            arrivals.append(Arrival(id: item.id, channel: item.channel, branch: item.branch, receivedAt: item.receivedAt,
                                    author: item.author.handle, tags: item.tags,
                                    closedAt: item.status.isOpen ? nil : at))
        case .triaged(let id, let from, let to), .reverted(let id, let from, let to, _):
            status(id, from: from, to: to, at: at, actor: event.actor)
        case .tagged(let id, let added, let removed):
            guard let i = index[id] else { return }
            arrivals[i].tags.removeAll { removed.contains($0) }
            for tag in added where !arrivals[i].tags.contains(tag) { arrivals[i].tags.append(tag) }
        case .draftCreated(let draft):
            drafts[draft.id] = DraftFacts(branch: draft.branch, channels: draft.channels, inReplyTo: draft.inReplyTo,
                                          direct: false, published: false)
        case .replyDrafted(let draft, let direct):
            drafts[draft.id] = DraftFacts(branch: draft.branch, channels: draft.channels, inReplyTo: draft.inReplyTo,
                                          direct: direct, published: false)
            if direct {
                mark(.reply, draft.id, event)
                // A direct reply marks the item replied at once, as Workspace does.
                if let item = draft.inReplyTo { answered(item, at: at, closes: true, actor: event.actor) }
            } else {
                mark(.submitted, draft.id, event)
            }
        case .submitted(let id, _): mark(.submitted, id, event)
        case .approved(let id, _, _): mark(.approved, id, event)
        // The gate returning a post at publication is a send-back too.
        case .sentBack(let id, _, _): mark(.changesRequested, id, event)
        case .changesRequested(let id, _, _): mark(.changesRequested, id, event)
        case .rejected(let id, _, _): mark(.rejected, id, event)
        case .published(let id, _):
            // Published is final: its facts are needed no more, which keeps the ledger small.
            guard let facts = drafts.removeValue(forKey: id), !facts.published else { return }
            // A direct reply counted when it was written; publishing it is delivery.
            if facts.direct { return }
            marks.append(Mark(kind: facts.inReplyTo == nil ? .broadcast : .reply, at: at, subject: id, actor: event.actor,
                              branch: facts.branch, channels: facts.channels))
            if let item = facts.inReplyTo { answered(item, at: at, closes: false) }
        case .assigned, .noted, .revised, .scheduled, .expired, .attached, .refused, .unknown, .migrated,
             .withdrawn, .held, .channelsChanged,
             .deliveryStarted, .delivered, .deliveryFailed, .deliveryRetried, .deliveryWithdrawn, .removalRequested, .removed:
            break
        }
    }

    private mutating func status(_ id: String, from: ItemStatus, to: ItemStatus, at: Date, actor: String) {
        guard let i = index[id] else { return }
        if !to.isOpen, arrivals[i].closedAt == nil { arrivals[i].closedAt = at }
        if to.isOpen { arrivals[i].closedAt = nil }
        let a = arrivals[i]
        arrivals[i].escalated = to == .escalated
        if to == .escalated, from != .escalated {
            marks.append(Mark(kind: .escalated, at: at, subject: id, actor: actor, branch: a.branch, channels: [a.channel]))
        } else if from == .escalated, to != .escalated {
            marks.append(Mark(kind: .deescalated, at: at, subject: id, actor: actor, branch: a.branch, channels: [a.channel]))
        }
    }

    mutating func answered(_ item: String, at: Date, closes: Bool, actor: String = "") {
        guard let i = index[item] else { return }
        if arrivals[i].firstReplyAt.map({ at < $0 }) ?? true { arrivals[i].firstReplyAt = at }
        guard closes else { return }
        if arrivals[i].closedAt == nil { arrivals[i].closedAt = at }
        // Comms answering an escalated item resolves the escalation.
        if arrivals[i].escalated {
            arrivals[i].escalated = false
            let a = arrivals[i]
            marks.append(Mark(kind: .deescalated, at: at, subject: a.id, actor: actor, branch: a.branch, channels: [a.channel]))
        }
    }

    /// Adds an arrival for an item no `received` event told of (hand-made stores).
    mutating func insert(_ arrival: Arrival) {
        guard index[arrival.id] == nil else { return }
        index[arrival.id] = arrivals.count
        arrivals.append(arrival)
    }

    mutating func insert(_ mark: Mark) { marks.append(mark) }

    /// Marks in time order after adoption added some out of order.
    mutating func sortMarks() {
        marks = ChunkedArray(marks.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element))
    }

    private mutating func mark(_ kind: Kind, _ draft: String, _ event: Event) {
        guard let facts = drafts[draft] else { return }
        marks.append(Mark(kind: kind, at: event.at, subject: draft, actor: event.actor,
                          branch: facts.branch, channels: facts.channels))
    }
}
