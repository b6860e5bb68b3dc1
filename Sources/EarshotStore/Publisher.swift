import EarshotCore
import Foundation

/// One post for one channel, as `earshot publish` leaves it in `outbox/` for a
/// script to send to the platform. The file appears whole (temp file + link) and
/// is never overwritten.
public struct OutboxPost: Codable, Hashable, Sendable {
    public var version = 1
    public var draft: String
    public var revision: Int
    public var channel: Channel
    /// The library's account on that channel, from store.json.
    public var account: String?
    public var text: String
    /// Images by path or URL, each with its alt text.
    public var images: [PostImage]
    /// For replies: the platform post being answered.
    public var inReplyTo: ReplyTarget?
    public var author: String
    public var approvedBy: [String]
    public var scheduledFor: Date?
    public var publishedAt: Date

    public struct ReplyTarget: Codable, Hashable, Sendable {
        public var channel: Channel
        public var platformID: String
    }
}

/// What one `earshot publish` did.
public struct PublishReport: Equatable, Sendable {
    public var published: [String: [String]] = [:]
    public var expired: [String] = []
    public var refused: [String] = []

    public init() {}
}

extension Store {
    /// Moves every due approved post into `outbox/` and marks it published, and
    /// sends back every submitted post whose time passed unapproved. Holds the
    /// writers' lock throughout, so two publishers at once publish each post once.
    public func publishDue(now: Date, actor: String) throws -> PublishReport {
        try withWriteLock {
            var report = PublishReport()
            let drafts = workspace.drafts.values.sorted { $0.id < $1.id }
            for draft in drafts where draft.state == .submitted {
                guard let at = draft.scheduledFor, at <= now else { continue }
                switch try applyLocked(Request(.expire(draft: draft.id), by: actor, basedOn: draft.version), at: now) {
                case .success: report.expired.append(draft.id)
                case .failure(let r): report.refused.append("\(draft.id): \(r.message)")
                }
            }
            for draft in drafts where draft.state == .approved || draft.state == .scheduled {
                if let at = draft.scheduledFor, at > now { continue }
                let files = try writeOutbox(draft, now: now)
                switch try applyLocked(Request(.publish(draft: draft.id, files: files), by: actor, basedOn: draft.version), at: now) {
                case .success: report.published[draft.id] = files
                case .failure(let r): report.refused.append("\(draft.id): \(r.message)")
                }
            }
            return report
        }
    }

    /// One file per channel. A file already there (a publisher that died after
    /// writing but before recording) is kept as it is, never written twice.
    private func writeOutbox(_ draft: Draft, now: Date) throws -> [String] {
        try FileManager.default.createDirectory(at: files.outbox, withIntermediateDirectories: true)
        let ws = workspace
        var names: [String] = []
        for channel in draft.channels {
            let name = "\(draft.id).\(channel.rawValue).json"
            let target = draft.inReplyTo.flatMap { ws.items[$0] }.map {
                OutboxPost.ReplyTarget(channel: $0.channel, platformID: $0.platformID)
            }
            let post = OutboxPost(
                draft: draft.id, revision: draft.current.number, channel: channel,
                account: ws.config.channels.first { $0.channel == channel }?.account,
                text: draft.text, images: draft.images, inReplyTo: target, author: draft.author, approvedBy: draft.approvals,
                scheduledFor: draft.scheduledFor, publishedAt: now)
            try DurableIO.createOnce(files.outbox.appendingPathComponent(name), with: JSONFormat.encoder(pretty: true).encode(post))
            names.append("outbox/\(name)")
        }
        return names
    }
}
