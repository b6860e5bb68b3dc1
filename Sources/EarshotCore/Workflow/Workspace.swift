import Foundation

/// Everything a session knows: the store's settings, its people, and the open work
/// as of journal sequence `seq`. Pure data; `apply` is the only way it changes.
public struct Workspace: Hashable, Sendable {
    public var config: StoreConfig
    public var staff: [StaffMember]
    public var seq: Int
    public var items: ItemTable
    public var drafts: [String: Draft]
    public var rollups: Rollups
    /// Every arrival, reply, broadcast and decision since the store began, for analytics.
    public var ledger: Ledger

    public init(
        config: StoreConfig, staff: [StaffMember], seq: Int = 0,
        items: ItemTable = [:], drafts: [String: Draft] = [:], rollups: Rollups? = nil, ledger: Ledger? = nil
    ) {
        self.config = config
        self.staff = staff
        self.seq = seq
        self.items = items
        self.drafts = drafts
        self.rollups = rollups ?? Rollups.rebuild(items: items.values, drafts: drafts.values, calendar: config.calendar)
        self.ledger = ledger ?? Ledger.build(events: [], items: items.values, drafts: drafts.values)
    }

    public func member(_ login: String) -> StaffMember? {
        staff.first { $0.login == login }
    }

    /// Folds one event into the state. Events are trusted: the rules ran before they
    /// were written, so an event naming an unknown target is skipped, not fatal.
    public mutating func apply(_ event: Event) {
        seq = max(seq, event.seq)
        ledger.fold(event)
        let calendar = config.calendar
        switch event.change {
        case .received(let incoming):
            guard items[incoming.id] == nil else { return }
            var item = incoming
            item.version = event.seq
            items[item.id] = item
            if !item.fromLibrary { rollups.count(.inbound, at: item.receivedAt, calendar: calendar) }
        case .triaged(let id, _, let to):
            guard let before = items[id]?.status else { return }
            if before.isOpen, !to.isOpen { rollups.count(.handled, at: event.at, calendar: calendar) }
            if to == .replied, before != .replied { rollups.count(.replies, at: event.at, calendar: calendar) }
            touchItem(id, event) { $0.status = to }
        case .assigned(let id, let who):
            touchItem(id, event) { $0.assignee = who }
        case .tagged(let id, let added, let removed):
            touchItem(id, event) { item in
                item.tags.removeAll { removed.contains($0) }
                for tag in added where !item.tags.contains(tag) { item.tags.append(tag) }
            }
        case .draftCreated(let incoming):
            guard drafts[incoming.id] == nil else { return }
            var draft = incoming
            draft.version = event.seq
            draft.changedBy = event.actor
            draft.changedAt = event.at
            drafts[draft.id] = draft
        case .revised(let id, let revision):
            touchDraft(id, event) { draft in
                // The same number replaces a never-reviewed revision instead of adding one.
                if revision.number == draft.current.number {
                    draft.revisions[draft.revisions.count - 1] = revision
                } else {
                    draft.revisions.append(revision)
                }
                // A new text needs its approvals afresh.
                draft.approvals = []
                // A reviewer's edit of a submitted draft keeps it in review.
                if draft.state == .changesRequested { draft.state = .draft }
            }
        case .submitted(let id, _):
            touchDraft(id, event) { draft in
                draft.state = .submitted
                draft.approvals = []
                draft.submittedAt = event.at
            }
        case .approved(let id, let revision, let time):
            let needed = drafts[id].map { config.approvalsNeeded(for: $0.channels) } ?? 1
            touchDraft(id, event) { draft in
                // Approved for a new time: approvals given for the old one no longer count.
                if let time, time != draft.scheduledFor {
                    draft.scheduledFor = time
                    draft.approvals = []
                }
                if !draft.approvals.contains(event.actor) { draft.approvals.append(event.actor) }
                // Enough officers have approved: it goes out now, or at its time.
                if draft.approvals.count >= needed {
                    draft.state = draft.scheduledFor == nil ? .approved : .scheduled
                } else {
                    draft.state = .submitted
                }
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: revision, verdict: .approved, text: ""))
            }
        case .scheduled(let id, let at):
            touchDraft(id, event) { draft in
                guard at != draft.scheduledFor else { return }
                draft.scheduledFor = at
                // Approvals were given for the old time: the officers approve the new one.
                draft.approvals = []
                if draft.state == .approved || draft.state == .scheduled { draft.state = .submitted }
            }
        case .attached(let id, let images):
            touchDraft(id, event) { $0.images = images }
        case .expired(let id):
            touchDraft(id, event) { draft in
                draft.state = .expired
                draft.approvals = []
                let revision = draft.current.number
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: revision, verdict: .expired,
                                              text: "its scheduled time passed before it was approved; e, then t in the menu sets a new time; y submits it again"))
            }
        case .published(let id, let files):
            if let draft = drafts[id], draft.state != .published {
                rollups.count(draft.isReply ? .replies : .posts, at: event.at, calendar: calendar)
            }
            touchDraft(id, event) { draft in
                draft.state = .published
                draft.publishedAt = event.at
                draft.outbox = files
            }
        case .sentBack(let id, _, let reason):
            touchDraft(id, event) { draft in
                draft.state = .changesRequested
                draft.approvals = []
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: draft.current.number, verdict: .blocked,
                                              text: "stopped when it was due to go out: \(reason)"))
            }
        case .changesRequested(let id, let revision, let comment):
            touchDraft(id, event) { draft in
                draft.state = .changesRequested
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: revision, verdict: .changesRequested, text: comment))
            }
        case .rejected(let id, let revision, let reason):
            touchDraft(id, event) { draft in
                draft.state = .rejected
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: revision, verdict: .rejected, text: reason))
            }
        case .noted(let id, let note):
            touchItem(id, event) { $0.notes.append(note) }
        case .replyDrafted(let incoming, let direct):
            guard drafts[incoming.id] == nil else { return }
            var draft = incoming
            draft.version = event.seq
            draft.changedBy = event.actor
            draft.changedAt = event.at
            if direct { draft.direct = true }
            drafts[draft.id] = draft
            if direct, let target = draft.inReplyTo, let before = items[target]?.status {
                if before.isOpen { rollups.count(.handled, at: event.at, calendar: calendar) }
                if before != .replied { rollups.count(.replies, at: event.at, calendar: calendar) }
                touchItem(target, event) { $0.status = .replied }
            }
        case .reverted(let id, let from, let to, _):
            // Undoing a close takes back the "handled today" it counted.
            if !from.isOpen, to.isOpen { rollups.count(.handled, at: event.at, calendar: calendar, by: -1) }
            if from.isOpen, !to.isOpen { rollups.count(.handled, at: event.at, calendar: calendar) }
            touchItem(id, event) { $0.status = to }
        case .withdrawn(let id):
            touchDraft(id, event) { draft in
                draft.state = .draft
                draft.approvals = []
            }
        case .held(let id):
            touchDraft(id, event) { draft in
                draft.state = .submitted
                draft.approvals = []
                draft.submittedAt = event.at
                draft.notes.append(ReviewNote(by: event.actor, at: event.at, revision: draft.current.number, verdict: .held,
                                              text: "held back from going out; approve it again to release it"))
            }
        case .channelsChanged(let id, let channels):
            touchDraft(id, event) { draft in
                draft.channels = channels
                // Approvals were given for the old channels.
                draft.approvals = []
            }
        case .deliveryStarted(let id, let channel, let key):
            touchDraft(id, event) { draft in
                if draft.delivery(channel) == nil {
                    draft.deliveries.append(Delivery(channel: channel, state: .sending, key: key, at: event.at))
                }
                draft.updateDelivery(channel) { d in
                    d.state = .sending
                    d.attempts += 1
                    if d.firstTry == nil { d.firstTry = event.at }
                    d.at = event.at
                    d.nextTry = nil
                }
            }
        case .delivered(let id, let channel, let platformID, let url):
            touchDraft(id, event) { draft in
                draft.updateDelivery(channel) { d in
                    d.state = .delivered
                    d.platformID = platformID
                    d.url = url
                    d.at = event.at
                    d.reason = nil
                    d.willRetry = nil
                    d.nextTry = nil
                }
            }
        case .deliveryFailed(let id, let channel, let reason, let willRetry, let nextTry):
            touchDraft(id, event) { draft in
                draft.updateDelivery(channel) { d in
                    d.state = .failed
                    // A person's retry covered one attempt; after another failure they decide again.
                    if d.retriedBy != nil, d.attempts > 0 { d.retriedBy = nil }
                    d.reason = reason
                    d.willRetry = willRetry
                    d.nextTry = nextTry
                    d.at = event.at
                }
            }
        case .deliveryRetried(let id, let channel):
            touchDraft(id, event) { draft in
                draft.updateDelivery(channel) { d in
                    d.willRetry = true
                    d.nextTry = nil
                    d.retriedBy = event.actor
                    d.reason = (d.reason ?? "failed") + "; \(event.actor) asked for another try"
                }
            }
        case .deliveryWithdrawn(let id, let channel):
            touchDraft(id, event) { draft in
                if draft.delivery(channel) == nil {
                    draft.deliveries.append(Delivery(channel: channel, state: .withdrawn, key: "", at: event.at))
                }
                draft.updateDelivery(channel) { d in
                    d.state = .withdrawn
                    d.at = event.at
                    d.reason = "withdrawn by \(event.actor)"
                    d.nextTry = nil
                }
            }
        case .removalRequested(let id, let channel):
            touchDraft(id, event) { draft in
                draft.updateDelivery(channel) { d in
                    d.state = .removing
                    d.reason = "deletion asked by \(event.actor)"
                }
            }
        case .removed(let id, let channel):
            touchDraft(id, event) { draft in
                draft.updateDelivery(channel) { d in
                    d.state = .removed
                    d.at = event.at
                }
            }
        case .refused, .unknown, .migrated:
            break
        }
    }

    private mutating func touchItem(_ id: String, _ event: Event, _ change: (inout InboxItem) -> Void) {
        guard var item = items[id] else { return }
        change(&item)
        item.version = event.seq
        item.changedBy = event.actor
        item.changedAt = event.at
        items[id] = item
    }

    private mutating func touchDraft(_ id: String, _ event: Event, _ change: (inout Draft) -> Void) {
        guard var draft = drafts[id] else { return }
        change(&draft)
        draft.version = event.seq
        draft.changedBy = event.actor
        draft.changedAt = event.at
        drafts[id] = draft
    }
}

extension Change {
    /// The inbox items `Workspace.apply` may change for this event, so a view of the
    /// inbox can follow a change without scanning every item. Kept beside `apply`:
    /// no `default`, so a new case has to say whether it touches an item.
    public var changedItems: [String] {
        switch self {
        case .received(let item): [item.id]
        case .triaged(let id, _, _), .assigned(let id, _), .tagged(let id, _, _), .noted(let id, _), .reverted(let id, _, _, _): [id]
        case .replyDrafted(let draft, let direct): direct ? draft.inReplyTo.map { [$0] } ?? [] : []
        case .draftCreated, .revised, .submitted, .approved, .changesRequested, .rejected, .scheduled, .expired,
             .published, .sentBack, .attached, .withdrawn, .held, .channelsChanged, .refused, .unknown,
             .deliveryStarted, .delivered, .deliveryFailed, .deliveryRetried, .deliveryWithdrawn,
             .removalRequested, .removed, .migrated: []
        }
    }
}

extension Change {
    /// Whether `Workspace.apply` may change a draft for this event (no `default`,
    /// as for `changedItems`), so the drafts pane is sorted again only then.
    public var touchesDrafts: Bool {
        switch self {
        case .draftCreated, .revised, .submitted, .approved, .changesRequested, .rejected, .replyDrafted, .scheduled,
             .expired, .published, .sentBack, .attached, .withdrawn, .held, .channelsChanged,
             .deliveryStarted, .delivered, .deliveryFailed, .deliveryRetried, .deliveryWithdrawn, .removalRequested, .removed:
            true
        case .received, .triaged, .assigned, .tagged, .noted, .reverted, .refused, .unknown, .migrated:
            false
        }
    }
}

extension StoreConfig {
    /// The calendar in which "today" and "this week" are counted.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone ?? "UTC") ?? .gmt
        calendar.firstWeekday = 2
        return calendar
    }
}
