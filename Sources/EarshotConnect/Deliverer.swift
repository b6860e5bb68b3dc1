import EarshotCore
import EarshotStore
import Foundation

/// Sends what `earshot publish` released (the outbox files of published drafts) to
/// each channel's account, recording as the machine actor `deliver`:
///
/// 1. a post tried before (left mid-send by a crash, or failed unclearly) is first
///    looked for on the platform, by its key or its text, and recorded if it is there;
/// 2. otherwise the intent (`deliveryStarted`, with the key) is recorded and fsynced;
/// 3. then one request; its answer is recorded as `delivered` or `deliveryFailed`.
///
/// The whole run holds the store's delivery lock, so two `deliver`s never send at once.
public struct Deliverer {
    public var store: Store
    public var book: AccountBook
    public var http: Polite
    public var clock: @Sendable () -> Date
    /// The wait after an unclear failure, doubled each attempt (at most an hour).
    public var firstRetry: TimeInterval
    /// Only this account (`--account`).
    public var only: String?
    /// On a store's first delivery: deliver posts published from here on (default: a day back).
    public var from: Date?

    public init(store: Store, http: Polite, firstRetry: TimeInterval = 60, only: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.book = AccountBook(files: store.files)
        // Key lifetimes and Retry-After are reckoned on the same clock as the events.
        var http = http
        http.now = clock
        self.http = http
        self.firstRetry = firstRetry
        self.only = only
        self.clock = clock
    }

    public struct Report: Sendable {
        public var delivered: [String] = []
        public var failed: [String] = []
        public var waiting: [String] = []
        public var problems: [String] = []
    }

    public func run() throws -> Report {
        try store.withDeliveryLock {
            _ = try store.refresh()
            var report = Report()
            let accounts = try book.accounts()
            let start = try store.deliveryStart(proposed: from ?? clock().addingTimeInterval(-86_400))
            // Older posts went out before delivery was set up (or by hand): never again.
            let drafts = store.workspace.drafts.values
                .filter { $0.state == .published && ($0.publishedAt ?? .distantPast) >= start }
                .sorted { $0.id < $1.id }
            for draft in drafts {
                for entry in store.outboxPosts(for: draft) {
                    switch entry {
                    case .failure(let error): report.problems.append("\(draft.id): \(error)")
                    case .success(let post): try deliver(post, accounts: accounts, into: &report)
                    }
                }
            }
            return report
        }
    }

    func deliver(_ post: OutboxPost, accounts: [Account], into report: inout Report) throws {
        let name = "\(post.draft) on \(post.channel.displayName)"
        guard let draft = store.workspace.drafts[post.draft], draft.current.number == post.revision else {
            report.problems.append("\(name): the outbox file is not the published revision; not sent")
            return
        }
        let existing = draft.delivery(post.channel)
        let now = clock()
        if let existing, !existing.isDue(at: now) {
            if existing.state == .failed {
                report.waiting.append("\(name): \(existing.reason ?? "failed")" + (existing.nextTry.map { "; next try \(ISO8601DateFormatter().string(from: $0))" } ?? "; waiting for comms"))
            }
            return
        }
        let candidates = accounts.filter { $0.channel == post.channel && $0.platform.sender != nil }
        let handle = post.account.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        guard let account = candidates.first(where: { $0.login == handle }) ?? candidates.first else {
            report.waiting.append("\(name): no account in accounts.json can post to \(post.channel.displayName)")
            return
        }
        if let only, account.name != only { return }
        // Where Earshot cannot upload images, sending the text alone would drop them silently.
        if !post.images.isEmpty, existing == nil, !ImageFile.platforms.contains(account.platform) {
            report.waiting.append("\(name): it has images, and deliver does not upload images to \(post.channel.displayName) yet; post it by hand, then W withdraws it here")
            return
        }
        let sender = account.platform.sender!
        if existing?.state == .removing, let id = existing?.platformID {
            let context = FetchContext(account: account, http: http, book: book, state: FetchState(), isKnown: { _ in false }, deliver: { _, _ in })
            do {
                try sender.delete(post, platformID: id, context)
                try record(.markRemoved(draft: post.draft, channel: post.channel), name, &report)
                report.delivered.append("\(name): deleted from the platform")
            } catch let error as StoreError {
                throw error
            } catch {
                report.waiting.append("\(name): not deleted yet: \(error)")
            }
            return
        }
        let key = existing?.key ?? (account.platform == .bluesky ? DeliveryKey.tid(post) : DeliveryKey.key(post))
        let context = FetchContext(account: account, http: http, book: book, state: FetchState(),
                                   isKnown: { _ in false }, deliver: { _, _ in })
        do {
            // Mastodon's key lapses after an hour; past that a person's retry is the decision.
            let personDecided = account.platform == .mastodon && existing?.retriedBy != nil
            if let existing, !personDecided, let found = try sender.find(post, key: key, since: existing.firstTry ?? existing.at, context) {
                try record(.markDelivered(draft: post.draft, channel: post.channel, platformID: found.platformID, url: found.url), name, &report)
                report.delivered.append("\(name): \(found.url ?? found.platformID) (found on the platform)")
                return
            }
            // The intent is on disk before a byte goes out.
            guard try record(.startDelivery(draft: post.draft, channel: post.channel, key: key), name, &report) else { return }
            let sent = try sender.send(post, key: key, context)
            try record(.markDelivered(draft: post.draft, channel: post.channel, platformID: sent.platformID, url: sent.url), name, &report)
            report.delivered.append("\(name): \(sent.url ?? sent.platformID)")
        } catch let error as StoreError {
            throw error
        } catch {
            let attempts = store.workspace.drafts[post.draft]?.delivery(post.channel)?.attempts ?? 1
            let (reason, retry, next) = judge(error, attempts: attempts, now: clock())
            try record(.markDeliveryFailed(draft: post.draft, channel: post.channel, reason: reason, willRetry: retry, nextTry: next), name, &report)
            report.failed.append("\(name): \(reason)" + (retry ? next.map { "; next try \(ISO8601DateFormatter().string(from: $0))" } ?? "" : "; not retried: comms can retry or withdraw it"))
        }
    }

    /// Whether to try again, and when: a rejection waits for a person; a refused login
    /// waits for a new token; a rate limit for its time; anything unclear backs off.
    func judge(_ error: any Error, attempts: Int, now: Date) -> (String, Bool, Date?) {
        switch error {
        case let rejected as DeliveryRejected:
            return (rejected.description, false, nil)
        case FetchError.loginRefused(let why):
            return ("login refused: \(why)", true, now.addingTimeInterval(max(firstRetry, 900)))
        case FetchError.rateLimited(let until):
            return ("rate limited by the platform", true, until ?? now.addingTimeInterval(firstRetry))
        default:
            let wait = min(3600, firstRetry * pow(2, Double(max(0, attempts - 1))))
            return ("\(error); it may have arrived, so the platform is asked first next time", true, now.addingTimeInterval(wait))
        }
    }

    /// True when recorded; a refusal (another deliverer got there, withdrawn) is reported.
    @discardableResult
    func record(_ command: Command, _ name: String, _ report: inout Report) throws -> Bool {
        switch try store.apply(Request(command, by: Rules.delivererActor), at: clock()) {
        case .success: return true
        case .failure(let refusal):
            report.problems.append("\(name): \(refusal.message)")
            return false
        }
    }
}
