import EarshotCore
import Foundation
import Terminal

/// Where an approved post stands on each of its channels: waiting for its time,
/// waiting to be sent, sending, delivered (with the link), failed (why, and the next
/// try), withdrawn. Shown at the top of a draft's detail, so nobody opens a log.
enum DeliveryLines {
    static func lines(_ draft: Draft, state: AppState, width: Int) -> [Line] {
        let g = state.glyphs
        var lines: [Line] = []
        switch draft.state {
        case .approved, .scheduled:
            let when = draft.scheduledFor.map { "waiting for its time, \(DraftRow.when($0, state: state))" } ?? "waiting for publish"
            for channel in draft.channels {
                lines += wrapped("\(channel.displayName): \(when)", .dim, width: width)
            }
        case .published:
            // Published long before delivery existed (deliver leaves those alone by default): nothing to show.
            if draft.deliveries.isEmpty, let at = draft.publishedAt, state.now.timeIntervalSince(at) > 86_400 { break }
            for channel in draft.channels {
                let (text, role) = describe(draft.delivery(channel), state: state)
                lines += wrapped("\(g.dot) \(channel.displayName): \(text)", role, width: width)
            }
            if draft.deliveries.contains(where: { $0.state == .failed }), state.me.role == .comms {
                lines += wrapped("R tries a failed post again; W withdraws it", .dim, width: width)
            }
        default:
            break
        }
        return lines
    }

    static func describe(_ delivery: Delivery?, state: AppState) -> (String, Theme.Role) {
        guard let d = delivery else { return ("waiting to be sent", .dim) }
        let ago = "\(Age.short(from: d.at, to: state.now)) ago"
        switch d.state {
        case .sending:
            return ("sending (try \(d.attempts), \(ago))", .stateNeutral)
        case .delivered:
            return ("delivered \(ago): \(d.url ?? d.platformID ?? "")", .stateGood)
        case .failed:
            let next: String
            if d.willRetry == true {
                next = d.nextTry.map { "; next try \(DraftRow.when($0, state: state))" } ?? "; tried again on the next run"
            } else {
                next = "; not tried again until comms retry it"
            }
            return ("FAILED: \(d.reason ?? "no reason given")\(next)", .stateBad)
        case .withdrawn:
            return ("withdrawn, \(ago) (\(d.reason ?? "by comms"))", .dim)
        case .removing:
            return ("being deleted from the platform (\(d.reason ?? "asked by comms"))", .stateNeutral)
        case .removed:
            return ("deleted from the platform \(ago)", .dim)
        }
    }
}
