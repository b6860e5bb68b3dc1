import Foundation

extension Ledger {
    /// The ledger of a store: every event folded in order, then whatever items and
    /// drafts no event told of (hand-made seeds, stores older than the ledger)
    /// adopted from their recorded state.
    public static func build(events: some Sequence<Event>, items: some Sequence<InboxItem>, drafts: some Sequence<Draft>) -> Ledger {
        var ledger = Ledger()
        // Published drafts leave no facts behind, so remember here which drafts events told of.
        var told = Set<String>()
        for event in events {
            switch event.change {
            case .draftCreated(let d), .replyDrafted(let d, _): told.insert(d.id)
            default: break
            }
            ledger.fold(event)
        }
        ledger.adopt(items: items, drafts: drafts.filter { !told.contains($0.id) })
        return ledger
    }

    /// Best reconstruction from state alone, for items and drafts no event told of
    /// (callers leave out the drafts events created): a replied item was answered when it last changed; a draft's notes
    /// give its decisions, its dates its submission and publication.
    public mutating func adopt(items: some Sequence<InboxItem>, drafts: some Sequence<Draft>) {
        var added = false
        for item in items where !item.fromLibrary && arrival(item.id) == nil {
            let changed = item.changedAt ?? item.receivedAt
            insert(Arrival(id: item.id, channel: item.channel, branch: item.branch, receivedAt: item.receivedAt,
                           author: item.author.handle, tags: item.tags,
                           firstReplyAt: item.status == .replied ? changed : nil,
                           closedAt: item.status.isOpen ? nil : changed, escalated: item.status == .escalated))
            if item.status == .escalated {
                insert(Mark(kind: .escalated, at: changed, subject: item.id, actor: item.changedBy ?? "",
                            branch: item.branch, channels: [item.channel]))
                added = true
            }
        }
        for draft in drafts where self.drafts[draft.id] == nil {
            let published = draft.state == .published
            if !published {
                self.drafts[draft.id] = DraftFacts(branch: draft.branch, channels: draft.channels, inReplyTo: draft.inReplyTo,
                                                   direct: false, published: false)
            }
            func add(_ kind: Kind, _ at: Date, _ actor: String) {
                insert(Mark(kind: kind, at: at, subject: draft.id, actor: actor, branch: draft.branch, channels: draft.channels))
                added = true
            }
            if let submitted = draft.submittedAt { add(.submitted, submitted, draft.author) }
            for note in draft.notes {
                switch note.verdict {
                case .approved: add(.approved, note.at, note.by)
                case .changesRequested, .blocked: add(.changesRequested, note.at, note.by)
                case .rejected: add(.rejected, note.at, note.by)
                case .expired, .held: break
                }
            }
            if published, let at = draft.publishedAt ?? draft.changedAt {
                add(draft.isReply ? .reply : .broadcast, at, draft.changedBy ?? draft.author)
                if let item = draft.inReplyTo { answered(item, at: at, closes: false) }
            }
        }
        if added { sortMarks() }
    }
}
