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
    /// The channel's visibility setting from store.json, for platforms that have one.
    public var visibility: String?

    public struct ReplyTarget: Codable, Hashable, Sendable {
        public var channel: Channel
        public var platformID: String
    }
}

/// What one `earshot publish` did.
public struct PublishReport: Equatable, Sendable {
    public var published: [String: [String]] = [:]
    public var expired: [String] = []
    /// Approved posts a rule stopped at the last moment, sent back to their authors: "d-7: reason".
    public var sentBack: [String] = []
    /// Due posts held back for now (quiet hours): "d-7: reason".
    public var waiting: [String] = []
    public var refused: [String] = []

    public init() {}
}

extension Store {
    /// Moves every due approved post into `outbox/` and marks it published, and
    /// sends back every submitted post whose time passed unapproved. Holds the
    /// writers' lock throughout, so two publishers at once publish each post once.
    /// Every post is judged by `Rules.publishVerdict` on the newest state before a
    /// single byte of it is written.
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
            for candidate in drafts where candidate.state == .approved || candidate.state == .scheduled {
                guard let draft = workspace.drafts[candidate.id] else { continue }
                switch Rules.publishVerdict(draft, in: workspace, at: now) {
                case .notApproved:
                    continue
                case .wait(let until, let why):
                    if why.rule != "publish.early" {
                        let when = until.map { " (until \(ISO8601DateFormatter().string(from: $0)))" } ?? ""
                        report.waiting.append("\(draft.id): \(why.message)\(when)")
                    }
                case .sendBack:
                    switch try applyLocked(Request(.sendBack(draft: draft.id), by: actor, basedOn: draft.version), at: now) {
                    case .success(let event):
                        if case .sentBack(_, let rule, let reason) = event.change { report.sentBack.append("\(draft.id): [\(rule)] \(reason)") }
                    case .failure(let r): report.refused.append("\(draft.id): \(r.message)")
                    }
                case .ready:
                    let files: [String]
                    do {
                        files = try writeOutbox(draft, now: now)
                    } catch StoreError.malformed(let file, _, let detail) {
                        report.refused.append("\(draft.id): \(file) \(detail)")
                        continue
                    }
                    switch try applyLocked(Request(.publish(draft: draft.id, files: files), by: actor, basedOn: draft.version), at: now) {
                    case .success: report.published[draft.id] = files
                    case .failure(let r): report.refused.append("\(draft.id): \(r.message)")
                    }
                }
            }
            return report
        }
    }

    /// One file per channel. A file already there is accepted only when it holds
    /// the same draft, revision and channel (a publisher that died after writing
    /// but before recording); anything else is an error and nothing is recorded.
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
                scheduledFor: draft.scheduledFor, publishedAt: now,
                visibility: ws.config.channels.first { $0.channel == channel }?.visibility)
            let url = files.outbox.appendingPathComponent(name)
            if try !DurableIO.createOnce(url, with: JSONFormat.encoder(pretty: true).encode(post)) {
                let existing = try DurableIO.read(url).flatMap { try? JSONFormat.decoder().decode(OutboxPost.self, from: $0) }
                guard let existing, existing.draft == post.draft, existing.revision == post.revision, existing.channel == post.channel else {
                    throw StoreError.malformed(
                        file: "outbox/\(name)", line: nil,
                        detail: "is already there and is not \(draft.id) revision \(post.revision) for \(channel.displayName); \(draft.id) was not published. Move that file away and run publish again")
                }
            }
            names.append("outbox/\(name)")
        }
        return names
    }
}
