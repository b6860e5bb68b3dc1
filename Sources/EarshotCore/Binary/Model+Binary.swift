import Foundation

// The binary form of the model types the snapshot holds, field by field in
// declaration order. Every stored field is written; `BinarySchema` checks by
// reflection that none was added without being written here.

extension ByteWriter {
    public mutating func item(_ i: InboxItem) {
        string(i.id)
        byte(BinaryTags.tag(i.channel))
        string(i.platformID)
        string(i.author.handle)
        string(i.author.displayName)
        string(i.text)
        date(i.receivedAt)
        optionalString(i.inReplyTo)
        optionalString(i.branch)
        byte(BinaryTags.tag(i.status))
        strings(i.tags)
        optionalString(i.assignee)
        array(i.notes) { w, n in
            w.string(n.by)
            w.date(n.at)
            w.string(n.text)
        }
        bool(i.fromLibrary)
        optionalBool(i.truncated)
        optionalString(i.url)
        int(i.version)
        optionalString(i.changedBy)
        optionalDate(i.changedAt)
    }

    public mutating func draft(_ d: Draft) {
        string(d.id)
        string(d.author)
        optionalString(d.branch)
        channels(d.channels)
        array(d.revisions) { w, r in
            w.int(r.number)
            w.string(r.text)
            w.string(r.author)
            w.date(r.at)
        }
        byte(BinaryTags.tag(d.state))
        array(d.notes) { w, n in
            w.string(n.by)
            w.date(n.at)
            w.int(n.revision)
            w.byte(BinaryTags.tag(n.verdict))
            w.string(n.text)
        }
        date(d.createdAt)
        optionalDate(d.submittedAt)
        optionalDate(d.scheduledFor)
        optionalDate(d.publishedAt)
        optionalString(d.inReplyTo)
        strings(d.approvals)
        strings(d.outbox)
        array(d.images) { w, image in
            w.string(image.source)
            w.optionalString(image.altText)
        }
        optionalBool(d.direct)
        optionalString(d.copiedFrom)
        array(d.deliveries) { w, x in
            w.byte(BinaryTags.tag(x.channel))
            w.byte(BinaryTags.tag(x.state))
            w.string(x.key)
            w.int(x.attempts)
            w.optionalDate(x.firstTry)
            w.optionalString(x.platformID)
            w.optionalString(x.url)
            w.date(x.at)
            w.optionalString(x.reason)
            w.optionalBool(x.willRetry)
            w.optionalDate(x.nextTry)
            w.optionalString(x.retriedBy)
        }
        int(d.version)
        optionalString(d.changedBy)
        optionalDate(d.changedAt)
    }

    public mutating func rollups(_ r: Rollups) {
        for counts in [r.inbound, r.handled, r.replies, r.posts] {
            // Sorted, so the same state always gives the same bytes.
            array(counts.sorted { $0.key < $1.key }) { w, pair in
                w.string(pair.key)
                w.int(pair.value)
            }
        }
    }

    mutating func channels(_ list: [Channel]) {
        array(list) { w, c in w.byte(BinaryTags.tag(c)) }
    }
}

extension ByteReader {
    public mutating func item() throws -> InboxItem {
        let id = try string()
        let channel = try tag(BinaryTags.channels)
        let platformID = try string()
        let author = Author(handle: try string(), displayName: try string())
        let text = try string()
        let receivedAt = try date()
        let inReplyTo = try optionalString()
        let branch = try optionalString()
        let status = try tag(BinaryTags.statuses)
        let tags = try strings()
        let assignee = try optionalString()
        let notes = try array(minimumSize: 10) { r in InternalNote(by: try r.string(), at: try r.date(), text: try r.string()) }
        var item = InboxItem(
            id: id, channel: channel, platformID: platformID, author: author, text: text, receivedAt: receivedAt,
            inReplyTo: inReplyTo, branch: branch, status: status, tags: tags, assignee: assignee, notes: notes,
            fromLibrary: try bool())
        item.truncated = try optionalBool()
        item.url = try optionalString()
        item.version = try int()
        item.changedBy = try optionalString()
        item.changedAt = try optionalDate()
        return item
    }

    public mutating func draft() throws -> Draft {
        let id = try string()
        let author = try string()
        let branch = try optionalString()
        let channels = try channels()
        let revisions = try array(minimumSize: 11) { r in
            Revision(number: try r.int(), text: try r.string(), author: try r.string(), at: try r.date())
        }
        // A draft always has a revision (`current` relies on it), as its JSON decoding checks.
        guard !revisions.isEmpty else { throw damaged("a draft without a revision") }
        let state = try tag(BinaryTags.draftStates)
        let notes = try array(minimumSize: 12) { r in
            ReviewNote(by: try r.string(), at: try r.date(), revision: try r.int(),
                       verdict: try r.tag(BinaryTags.verdicts), text: try r.string())
        }
        var d = Draft(
            id: id, author: author, branch: branch, channels: channels, revisions: revisions, state: state, notes: notes,
            createdAt: try date(), submittedAt: try optionalDate(), scheduledFor: try optionalDate(),
            publishedAt: try optionalDate(), inReplyTo: try optionalString(), approvals: try strings(),
            outbox: try strings(), images: try array(minimumSize: 2) { r in PostImage(source: try r.string(), altText: try r.optionalString()) })
        d.direct = try optionalBool()
        d.copiedFrom = try optionalString()
        d.deliveries = try array(minimumSize: 18) { r in
            var x = Delivery(channel: try r.tag(BinaryTags.channels), state: try r.tag(BinaryTags.deliveryStates),
                             key: try r.string(), attempts: try r.int(), at: .distantPast)
            x.firstTry = try r.optionalDate()
            x.platformID = try r.optionalString()
            x.url = try r.optionalString()
            x.at = try r.date()
            x.reason = try r.optionalString()
            x.willRetry = try r.optionalBool()
            x.nextTry = try r.optionalDate()
            x.retriedBy = try r.optionalString()
            return x
        }
        d.version = try int()
        d.changedBy = try optionalString()
        d.changedAt = try optionalDate()
        return d
    }

    public mutating func rollups() throws -> Rollups {
        func counts(_ r: inout ByteReader) throws -> [String: Int] {
            let pairs = try r.array(minimumSize: 2) { r in (try r.string(), try r.int()) }
            // Duplicate days are damage, not something to crash on.
            var result: [String: Int] = [:]
            result.reserveCapacity(pairs.count)
            for (key, value) in pairs {
                guard result.updateValue(value, forKey: key) == nil else { throw r.damaged("a day counted twice") }
            }
            return result
        }
        var r = Rollups()
        r.inbound = try counts(&self)
        r.handled = try counts(&self)
        r.replies = try counts(&self)
        r.posts = try counts(&self)
        return r
    }

    mutating func channels() throws -> [Channel] {
        try array { try $0.tag(BinaryTags.channels) }
    }
}
