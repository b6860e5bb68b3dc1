/// The one-byte tags enums are written with in the binary form. Encoding goes
/// through an exhaustive switch, so a new case does not compile until it has a tag;
/// decoding looks the byte up in the table, so an unknown byte is damage. The tables
/// are part of the cache's schema (see `BinarySchema`): reordering them changes it.
enum BinaryTags {
    static let channels: [Channel] = [.x, .facebook, .mastodon, .bluesky, .flickr, .blog]
    static func tag(_ c: Channel) -> UInt8 {
        switch c {
        case .x: 0
        case .facebook: 1
        case .mastodon: 2
        case .bluesky: 3
        case .flickr: 4
        case .blog: 5
        }
    }

    static let statuses: [ItemStatus] = [.new, .needsReply, .replied, .handled, .escalated, .hidden]
    static func tag(_ s: ItemStatus) -> UInt8 {
        switch s {
        case .new: 0
        case .needsReply: 1
        case .replied: 2
        case .handled: 3
        case .escalated: 4
        case .hidden: 5
        }
    }

    static let draftStates: [DraftState] = [.draft, .submitted, .changesRequested, .approved, .rejected, .scheduled, .published, .expired]
    static func tag(_ s: DraftState) -> UInt8 {
        switch s {
        case .draft: 0
        case .submitted: 1
        case .changesRequested: 2
        case .approved: 3
        case .rejected: 4
        case .scheduled: 5
        case .published: 6
        case .expired: 7
        }
    }

    static let verdicts: [ReviewNote.Verdict] = [.approved, .changesRequested, .rejected, .expired, .blocked, .held]
    static func tag(_ v: ReviewNote.Verdict) -> UInt8 {
        switch v {
        case .approved: 0
        case .changesRequested: 1
        case .rejected: 2
        case .expired: 3
        case .blocked: 4
        case .held: 5
        }
    }

    static let deliveryStates: [DeliveryState] = [.sending, .delivered, .failed, .withdrawn, .removing, .removed]
    static func tag(_ s: DeliveryState) -> UInt8 {
        switch s {
        case .sending: 0
        case .delivered: 1
        case .failed: 2
        case .withdrawn: 3
        case .removing: 4
        case .removed: 5
        }
    }

    static let ledgerKinds: [Ledger.Kind] = [.submitted, .approved, .changesRequested, .rejected, .reply, .broadcast, .escalated, .deescalated]
    static func tag(_ k: Ledger.Kind) -> UInt8 {
        switch k {
        case .submitted: 0
        case .approved: 1
        case .changesRequested: 2
        case .rejected: 3
        case .reply: 4
        case .broadcast: 5
        case .escalated: 6
        case .deescalated: 7
        }
    }

    /// Every table's raw values in order, for the schema fingerprint.
    static var description: String {
        [channels.map(\.rawValue), statuses.map(\.rawValue), draftStates.map(\.rawValue),
         verdicts.map(\.rawValue), deliveryStates.map(\.rawValue), ledgerKinds.map(\.rawValue)]
            .map { $0.joined(separator: ",") }.joined(separator: ";")
    }
}
