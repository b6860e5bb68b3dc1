import Foundation

/// Where one published post stands on one of its channels.
public enum DeliveryState: String, Codable, Hashable, Sendable {
    /// The intent is recorded and a request may be on its way: whoever picks it up
    /// next asks the platform whether it arrived before sending again.
    case sending
    case delivered
    /// The last try did not get it there; `willRetry` says whether `deliver` tries again.
    case failed
    /// A comms officer pulled it back before it went out.
    case withdrawn
    /// Delivered, and a comms officer asked for it to be deleted from the platform.
    case removing
    /// Deleted from the platform by `deliver`.
    case removed
}

/// One channel's delivery of a published draft, folded from the delivery events.
public struct Delivery: Codable, Hashable, Sendable {
    public var channel: Channel
    public var state: DeliveryState
    /// Chosen before the first request and kept for every retry: Mastodon's
    /// Idempotency-Key, Bluesky's record key, the match marker elsewhere.
    public var key: String
    public var attempts: Int
    /// When the first attempt began: the platforms without a key are searched from here.
    public var firstTry: Date?
    public var platformID: String?
    public var url: String?
    public var at: Date
    public var reason: String?
    public var willRetry: Bool?
    public var nextTry: Date?
    /// The comms officer who asked for another try since the last failure: their call
    /// stands over a check that cannot be made any more (Mastodon's key has lapsed).
    public var retriedBy: String?

    public init(channel: Channel, state: DeliveryState, key: String, attempts: Int = 0, at: Date) {
        self.channel = channel
        self.state = state
        self.key = key
        self.attempts = attempts
        self.at = at
    }

    /// `deliver` may pick it up at `now`: never tried, left mid-send, or failed with a retry due.
    public func isDue(at now: Date) -> Bool {
        switch state {
        case .sending, .removing: true
        case .delivered, .withdrawn, .removed: false
        case .failed: willRetry == true && (nextTry ?? .distantPast) <= now
        }
    }
}

extension Draft {
    public func delivery(_ channel: Channel) -> Delivery? {
        deliveries.first { $0.channel == channel }
    }

    mutating func updateDelivery(_ channel: Channel, _ change: (inout Delivery) -> Void) {
        guard let i = deliveries.firstIndex(where: { $0.channel == channel }) else { return }
        change(&deliveries[i])
    }
}
