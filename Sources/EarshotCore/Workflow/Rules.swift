import Foundation

/// The permission and workflow rules. The store asks `decide` before it writes,
/// so no view or client can bypass them. Each refusal names its rule.
public enum Rules {
    /// Longest text accepted for a comment, reason or post, so a paste cannot bloat the journal.
    public static let maxTextLength = 100_000

    public static func decide(_ request: Request, in ws: Workspace, at now: Date) -> Result<Change, Refusal> {
        let actor: StaffMember
        if let machine = machineActor(request) {
            switch machine {
            case .failure(let refusal): return .failure(refusal)
            case .success(let member): actor = member
            }
        } else {
            guard let member = ws.member(request.actor) else {
                return .failure(Refusal("identity.unknown", "'\(request.actor)' is not in staff.json; ask an admin to add you"))
            }
            actor = member
        }
        if let stale = staleness(request, in: ws) { return .failure(stale) }
        switch request.command {
        case .receive(let item):
            guard ws.items[item.id] == nil else {
                return .failure(Refusal("item.duplicate", "item \(item.id) is already in the inbox"))
            }
            if let dup = ws.items.values.first(where: { $0.channel == item.channel && $0.platformID == item.platformID }) {
                return .failure(Refusal("item.duplicate", "\(item.channel.displayName) post \(item.platformID) is already in the inbox as \(dup.id)"))
            }
            return .success(.received(item: item))

        case .triage(let id, let status):
            guard let item = ws.items[id] else { return .failure(missing("item", id)) }
            guard item.status != status else {
                return .failure(Refusal("triage.unchanged", "\(id) is already \(status.label)"))
            }
            if item.status == .escalated, actor.role == .staff {
                return .failure(Refusal("triage.escalated", "escalated items are resolved by comms officers"))
            }
            if status == .new {
                return .failure(Refusal("triage.new", "an item cannot be marked new again; mark it needs-reply instead"))
            }
            if status == .replied {
                return .failure(Refusal("triage.replied", "an item is marked replied by sending a reply"))
            }
            return .success(.triaged(item: id, from: item.status, to: status))

        case .assign(let id, let who):
            guard let item = ws.items[id] else { return .failure(missing("item", id)) }
            if let who, ws.member(who) == nil, ws.config.branch(who) == nil {
                return .failure(Refusal("assign.unknown", "no colleague or branch called '\(who)'"))
            }
            guard item.assignee != who else {
                return .failure(Refusal("assign.unchanged", "\(id) is already assigned to \(who ?? "nobody")"))
            }
            return .success(.assigned(item: id, to: who))

        case .tag(let id, let add, let remove):
            guard let item = ws.items[id] else { return .failure(missing("item", id)) }
            let cleanAdd = add.map(normalTag).filter { !$0.isEmpty && !item.tags.contains($0) }
            let cleanRemove = remove.map(normalTag).filter { item.tags.contains($0) }
            guard !(cleanAdd.isEmpty && cleanRemove.isEmpty) else {
                return .failure(Refusal("tag.unchanged", "no tag to add or remove on \(id)"))
            }
            return .success(.tagged(item: id, added: cleanAdd, removed: cleanRemove))

        case .createDraft(let id, let channels, let text, let inReplyTo):
            guard ws.drafts[id] == nil else { return .failure(Refusal("draft.duplicate", "draft \(id) already exists")) }
            guard !channels.isEmpty else { return .failure(Refusal("draft.channels", "a draft needs at least one channel")) }
            let allowed = ws.config.channelsAllowed(for: actor)
            if let barred = channels.first(where: { !allowed.contains($0) }) {
                return .failure(Refusal("policy.draft-channels", "store.json does not let \(actor.login) draft for \(barred.displayName)"))
            }
            if let refusal = checkText(text, what: "a draft") { return .failure(refusal) }
            if let target = inReplyTo, ws.items[target] == nil { return .failure(missing("item", target)) }
            let draft = Draft(
                id: id, author: actor.login, branch: actor.branch, channels: channels,
                revisions: [Revision(number: 1, text: text, author: actor.login, at: now)],
                createdAt: now, inReplyTo: inReplyTo)
            return .success(.draftCreated(draft: draft))

        case .revise(let id, let text):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.author == actor.login || actor.role == .comms else {
                return .failure(Refusal("draft.edit", "only the author or a comms officer can edit a draft"))
            }
            guard draft.state.isEditable else {
                return .failure(Refusal("draft.closed", "a \(draft.state.rawValue) draft cannot be edited"))
            }
            if let refusal = checkText(text, what: "a draft") { return .failure(refusal) }
            guard text != draft.text else { return .failure(Refusal("draft.unchanged", "the text is unchanged")) }
            // Until a reviewer has seen it, saving again replaces the author's own revision.
            let replaces = draft.state == .draft && draft.submittedAt == nil && draft.notes.isEmpty && draft.current.author == actor.login
            let number = replaces ? draft.current.number : draft.current.number + 1
            let revision = Revision(number: number, text: text, author: actor.login, at: now)
            return .success(.revised(draft: id, revision: revision))

        case .submit(let id):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.author == actor.login else {
                return .failure(Refusal("draft.submit", "only the author submits a draft"))
            }
            guard [.draft, .changesRequested, .expired].contains(draft.state) else {
                return .failure(Refusal("draft.submit", "a \(draft.state.rawValue) draft cannot be submitted"))
            }
            // Submitted with a time already gone, it would only expire again.
            if let at = draft.scheduledFor, at <= now {
                return .failure(Refusal("schedule.passed", "its time has passed; set a new time (t in the composer menu) or clear it, then submit"))
            }
            if let block = blockingFindings(draft, ws: ws, now: now).first {
                return .failure(Refusal("policy.\(block.rule)", "the posting policy blocks this: \(block.message)"))
            }
            return .success(.submitted(draft: id, revision: draft.current.number))

        case .note(let id, let text):
            guard ws.items[id] != nil else { return .failure(missing("item", id)) }
            if let refusal = checkText(text, what: "a note") { return .failure(refusal) }
            return .success(.noted(item: id, note: InternalNote(by: actor.login, at: now, text: text)))

        case .reply(let draftID, let itemID, let text, let startedAt):
            return reply(draftID, to: itemID, text: text, startedAt: startedAt, actor: actor, ws: ws, now: now)

        case .revert(let id, let status, let undoing):
            guard let item = ws.items[id] else { return .failure(missing("item", id)) }
            // The stale check above already refused if anyone changed the item since the
            // version the undo was based on (the change itself, or a later one of the
            // actor's own, such as a note); this makes sure the latest change is the actor's.
            guard item.changedBy == actor.login, item.version >= undoing else {
                return .failure(Refusal("undo.not-yours", "your last change to \(id) is no longer its latest; nothing to undo"))
            }
            guard item.status != status else { return .failure(Refusal("undo.unchanged", "\(id) is already \(status.label)")) }
            return .success(.reverted(item: id, from: item.status, to: status, undoing: undoing))

        case .approve(let id, let revision):
            return review(id, revision: revision, actor: actor, ws: ws, verb: "approve", states: [.submitted, .expired]) { draft in
                // Never published late by accident: a post whose time has gone expires instead.
                if let at = draft.scheduledFor, at <= now {
                    return .failure(Refusal("schedule.passed", "its time passed before approval; A approves it for a new time"))
                }
                if let block = blockingFindings(draft, ws: ws, now: now).first {
                    return .failure(Refusal("policy.\(block.rule)", "the posting policy blocks this: \(block.message)"))
                }
                if let over = overLength(draft) { return .failure(Refusal("review.length", "\(over); send it back for a shorter text")) }
                if draft.approvals.contains(actor.login) {
                    let needed = ws.config.approvalsNeeded(for: draft.channels)
                    return .failure(Refusal("review.again", "you already approved \(id); it needs \(needed) different officers"))
                }
                return .success(.approved(draft: id, revision: revision, scheduledFor: draft.scheduledFor))
            }

        case .approveAt(let id, let revision, let at):
            return review(id, revision: revision, actor: actor, ws: ws, verb: "approve", states: [.submitted, .approved, .scheduled, .expired]) { draft in
                if at <= now { return .failure(Refusal("schedule.past", "that time has already passed")) }
                var timed = draft
                timed.scheduledFor = at
                if let block = blockingFindings(timed, ws: ws, now: now).first {
                    return .failure(Refusal("policy.\(block.rule)", "the posting policy blocks this: \(block.message)"))
                }
                if let over = overLength(draft) { return .failure(Refusal("review.length", "\(over); send it back for a shorter text")) }
                if draft.approvals.contains(actor.login), draft.scheduledFor == at {
                    let needed = ws.config.approvalsNeeded(for: draft.channels)
                    return .failure(Refusal("review.again", "you already approved \(id) for that time; it needs \(needed) different officers"))
                }
                return .success(.approved(draft: id, revision: revision, scheduledFor: at))
            }

        case .sendBack(let id):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            // Only what the gate itself would refuse can be sent back this way.
            guard case .sendBack(let why) = publishVerdict(draft, in: ws, at: now) else {
                return .failure(Refusal("publish.ready", "\(id) breaks no rule that would stop it going out"))
            }
            return .success(.sentBack(draft: id, rule: why.rule, reason: why.message))

        case .schedule(let id, let at):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            let mayAsAuthor = draft.author == actor.login && draft.state.isEditable
            let mayAsComms = actor.role == .comms && [.submitted, .approved, .scheduled, .draft, .changesRequested, .expired].contains(draft.state)
            guard mayAsAuthor || mayAsComms else {
                return .failure(Refusal("schedule.role", "only the author (while editing) or a comms officer can set when \(id) goes out"))
            }
            if let at, at <= now {
                return .failure(Refusal("schedule.past", "that time has already passed"))
            }
            guard at != draft.scheduledFor else {
                return .failure(Refusal("schedule.unchanged", "\(id) is already set for that time"))
            }
            if let at, let block = PolicyLint.blocking(ws.config.lint(draft, publishAt: at)).first(where: { $0.rule == "quiet-hours" }) {
                return .failure(Refusal("policy.quiet-hours", "the posting policy blocks this: \(block.message)"))
            }
            return .success(.scheduled(draft: id, at: at))

        case .attach(let id, let images):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.author == actor.login || actor.role == .comms else {
                return .failure(Refusal("draft.edit", "only the author or a comms officer can edit a draft"))
            }
            guard draft.state.isEditable else {
                return .failure(Refusal("draft.closed", "a \(draft.state.rawValue) draft cannot be edited"))
            }
            return .success(.attached(draft: id, images: images))

        case .expire(let id):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            guard draft.state == .submitted, let at = draft.scheduledFor, at <= now else {
                return .failure(Refusal("expire.not-due", "\(id) is not a submitted post past its time"))
            }
            return .success(.expired(draft: id))

        case .publish(let id, let files):
            guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
            switch publishVerdict(draft, in: ws, at: now) {
            case .ready: break
            case .notApproved(let refusal), .sendBack(let refusal): return .failure(refusal)
            case .wait(_, let refusal): return .failure(refusal)
            }
            guard !files.isEmpty else { return .failure(Refusal("publish.files", "nothing was written to the outbox")) }
            return .success(.published(draft: id, files: files))

        case .withdraw, .hold, .setChannels, .copyDraft:
            return wayOut(request.command, actor: actor, ws: ws, now: now)

        case .startDelivery, .markDelivered, .markDeliveryFailed, .retryDelivery, .withdrawDelivery:
            return delivery(request.command, actor: actor, ws: ws, now: now)

        case .requestRemoval, .markRemoved:
            return removal(request.command, actor: actor, ws: ws)

        case .requestChanges(let id, let revision, let comment):
            // Who may review is checked before what they wrote, so staff hear the real reason.
            return review(id, revision: revision, actor: actor, ws: ws, verb: "send back") { _ in
                if let refusal = checkText(comment, what: "a comment") { return .failure(refusal) }
                return .success(.changesRequested(draft: id, revision: revision, comment: comment))
            }

        case .reject(let id, let revision, let reason):
            return review(id, revision: revision, actor: actor, ws: ws, verb: "reject") { _ in
                if let refusal = checkText(reason, what: "a reason") { return .failure(refusal) }
                return .success(.rejected(draft: id, revision: revision, reason: reason))
            }
        }
    }

    /// The actor `earshot publish` records its decisions as.
    public static let publisherActor = "publish"

    /// Arrivals are recorded by machines, never by a staff login: `fetch:ACCOUNT`,
    /// `import:FILE` and `receive` may only receive; `rule:NAME` (arrival rules) may
    /// only tag, assign, and mark needs-reply, escalated or hidden. Nil: not a machine.
    static func machineActor(_ request: Request) -> Result<StaffMember, Refusal>? {
        let name = request.actor
        let arrival = name == "receive" || name.hasPrefix("fetch:") || name.hasPrefix("import:")
        let rule = name.hasPrefix("rule:")
        // `earshot publish` (cron, a timer): only what the gate itself decides.
        let publisher = name == Self.publisherActor
        // `earshot deliver`: only the delivery events, never a decision about a post.
        let deliverer = name == Self.delivererActor
        guard arrival || rule || publisher || deliverer else { return nil }
        let allowed: Bool
        switch request.command {
        case .receive: allowed = arrival
        case .tag, .assign: allowed = rule
        case .triage(_, let to): allowed = rule && [.needsReply, .escalated, .hidden].contains(to)
        case .publish, .expire, .sendBack: allowed = publisher
        case .startDelivery, .markDelivered, .markDeliveryFailed, .markRemoved: allowed = deliverer
        default: allowed = false
        }
        guard allowed else {
            return .failure(Refusal("identity.machine", "\(name) is a machine actor and may not \(request.command.summary)"))
        }
        // Acts with no more than branch staff may: it cannot resolve an escalation.
        return .success(StaffMember(login: name, name: name, role: .staff))
    }

    /// A reply goes out on the item's channel, directly or through approval as
    /// store.json says for staff; comms replies always go directly.
    private static func reply(
        _ draftID: String, to itemID: String, text: String, startedAt: Date,
        actor: StaffMember, ws: Workspace, now: Date
    ) -> Result<Change, Refusal> {
        guard let item = ws.items[itemID] else { return .failure(missing("item", itemID)) }
        guard ws.drafts[draftID] == nil else { return .failure(Refusal("draft.duplicate", "draft \(draftID) already exists")) }
        if let refusal = checkText(text, what: "a reply") { return .failure(refusal) }
        let over = PostLength.overflow(text, for: item.channel)
        if over > 0 {
            let limit = item.channel.textLimit ?? 0
            return .failure(Refusal("reply.length", "too long for \(item.channel.displayName): \(PostLength.count(text, for: item.channel)) of \(limit), \(over) over"))
        }
        // Someone else answered while this reply was being written: stop and show it.
        if let other = ws.drafts.values
            .filter({ $0.inReplyTo == itemID && $0.author != actor.login && $0.createdAt > startedAt })
            .max(by: { $0.createdAt < $1.createdAt }) {
            let who = ws.member(other.author)?.name ?? other.author
            return .failure(Refusal("reply.collision", "\(who) replied to this while you were writing (\(other.id)); read theirs before sending yours"))
        }
        // An escalated item is comms' to answer: staff replies to it always go through them.
        let direct = actor.role != .staff || (ws.config.replyRoute(for: item.channel) == .direct && item.status != .escalated)
        var draft = Draft(
            id: draftID, author: actor.login, branch: actor.branch ?? item.branch, channels: [item.channel],
            revisions: [Revision(number: 1, text: text, author: actor.login, at: now)],
            state: direct ? .approved : .submitted, createdAt: now, submittedAt: direct ? nil : now,
            inReplyTo: itemID)
        draft.direct = direct ? true : nil
        return .success(.replyDrafted(draft: draft, direct: direct))
    }

    /// Shared checks for approve, request changes and reject.
    private static func review(
        _ id: String, revision: Int, actor: StaffMember, ws: Workspace, verb: String,
        states: Set<DraftState> = [.submitted], _ change: (Draft) -> Result<Change, Refusal>
    ) -> Result<Change, Refusal> {
        guard actor.role == .comms else {
            return .failure(Refusal("role.review", "only comms officers can \(verb) drafts"))
        }
        guard let draft = ws.drafts[id] else { return .failure(missing("draft", id)) }
        guard states.contains(draft.state) else {
            return .failure(Refusal("review.state", "only submitted drafts can be reviewed; \(id) is \(draft.state.rawValue)"))
        }
        guard revision == draft.current.number else {
            return .failure(Refusal("review.revision", "\(id) is now at revision \(draft.current.number) by \(draft.current.author); you reviewed revision \(revision)"))
        }
        if ws.config.policy.fourEyes, draft.author == actor.login || draft.current.author == actor.login {
            return .failure(Refusal("policy.four-eyes", "four-eyes rule: nobody reviews a draft they wrote"))
        }
        return change(draft)
    }

    /// A command based on an old version of its target is refused, naming who changed it.
    private static func staleness(_ request: Request, in ws: Workspace) -> Refusal? {
        guard let basedOn = request.basedOn else { return nil }
        let id = request.command.target
        let current: (version: Int, by: String?, at: Date?)?
        if let item = ws.items[id] {
            current = (item.version, item.changedBy, item.changedAt)
        } else if let draft = ws.drafts[id] {
            current = (draft.version, draft.changedBy, draft.changedAt)
        } else {
            current = nil
        }
        guard let current, current.version > basedOn else { return nil }
        let who = current.by.flatMap { ws.member($0)?.name ?? $0 } ?? "someone"
        return Refusal("stale", "\(who) changed \(id) since you loaded it; look again and retry")
    }

    static func checkText(_ text: String, what: String) -> Refusal? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return Refusal("text.empty", "\(what) cannot be empty")
        }
        if text.utf8.count > maxTextLength {
            return Refusal("text.length", "\(what) is longer than \(maxTextLength) bytes")
        }
        return nil
    }

    static func missing(_ kind: String, _ id: String) -> Refusal {
        Refusal("\(kind).missing", "no \(kind) \(id) in this store")
    }

    static func normalTag(_ tag: String) -> String {
        tag.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

extension Rules {
    /// The blocking policy findings for a draft at the time it would go out: its
    /// scheduled time, or now. Without a time, quiet hours do not block the decision:
    /// the publisher holds the post until they end.
    /// "too long for X: 461 of 280" for the first channel the text does not fit; nil when it fits all.
    static func overLength(_ draft: Draft) -> String? {
        guard let channel = draft.channels.first(where: { PostLength.overflow(draft.text, for: $0) > 0 }) else { return nil }
        return "too long for \(channel.displayName): \(PostLength.count(draft.text, for: channel)) of \(channel.textLimit ?? 0)"
    }

    static func blockingFindings(_ draft: Draft, ws: Workspace, now: Date) -> [LintFinding] {
        let blocking = PolicyLint.blocking(ws.config.lint(draft, publishAt: draft.scheduledFor ?? now))
        return draft.scheduledFor == nil ? blocking.filter { $0.rule != "quiet-hours" } : blocking
    }
}
