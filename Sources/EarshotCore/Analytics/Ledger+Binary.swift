import Foundation

/// The ledger in the binary form of the snapshot cache (see `ByteWriter`): every
/// field, the draft facts in id order so the same ledger gives the same bytes.
extension ByteWriter {
    public mutating func ledger(_ l: Ledger) {
        array(l.arrivals) { w, a in
            w.string(a.id)
            w.byte(BinaryTags.tag(a.channel))
            w.optionalString(a.branch)
            w.date(a.receivedAt)
            w.string(a.author)
            w.strings(a.tags)
            w.optionalDate(a.firstReplyAt)
            w.optionalDate(a.closedAt)
            w.bool(a.escalated)
        }
        array(l.marks) { w, m in
            w.byte(BinaryTags.tag(m.kind))
            w.date(m.at)
            w.string(m.subject)
            w.string(m.actor)
            w.optionalString(m.branch)
            w.channels(m.channels)
        }
        array(l.drafts.sorted { $0.key < $1.key }) { w, pair in
            let f = pair.value
            w.string(pair.key)
            w.optionalString(f.branch)
            w.channels(f.channels)
            w.optionalString(f.inReplyTo)
            w.bool(f.direct)
            w.bool(f.published)
        }
    }
}

extension ByteReader {
    public mutating func ledger() throws -> Ledger {
        let arrivals = try array(minimumSize: 15) { r in
            Ledger.Arrival(
                id: try r.string(), channel: try r.tag(BinaryTags.channels), branch: try r.optionalString(),
                receivedAt: try r.date(), author: try r.string(), tags: try r.strings(),
                firstReplyAt: try r.optionalDate(), closedAt: try r.optionalDate(), escalated: try r.bool())
        }
        let marks = try array(minimumSize: 13) { r in
            Ledger.Mark(kind: try r.tag(BinaryTags.ledgerKinds), at: try r.date(), subject: try r.string(),
                        actor: try r.string(), branch: try r.optionalString(), channels: try r.channels())
        }
        let facts = try array(minimumSize: 6) { r in
            (try r.string(), Ledger.DraftFacts(branch: try r.optionalString(), channels: try r.channels(),
                                               inReplyTo: try r.optionalString(), direct: try r.bool(), published: try r.bool()))
        }
        var drafts: [String: Ledger.DraftFacts] = [:]
        drafts.reserveCapacity(facts.count)
        for (id, f) in facts {
            guard drafts.updateValue(f, forKey: id) == nil else { throw damaged("a draft listed twice in the ledger") }
        }
        return Ledger(arrivals: arrivals, marks: marks, drafts: drafts)
    }
}
