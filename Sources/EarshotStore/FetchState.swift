import EarshotCore
import Foundation

/// Per-account fetch state in `fetch/ACCOUNT.json`: the cursor (where the next fetch
/// starts), when it last fetched, and the last error. Written atomically, and by the
/// fetcher only after the items the cursor covers are durably in the journal.
public struct FetchState: Codable, Hashable, Sendable {
    public var version = 1
    public var cursor: String?
    public var lastFetched: Date?
    public var lastCount: Int?
    /// A clear sentence for admins, e.g. "login refused: the app password was revoked".
    public var lastError: String?
    public var errorAt: Date?
    /// Bluesky's `seenAt`-style extra cursors, keyed by what they page (e.g. a post id).
    public var cursors: [String: String]?

    public init() {}

    static func url(_ files: StoreFiles, account: String) -> URL {
        files.root.appendingPathComponent("fetch").appendingPathComponent("\(Store.safeFileName(account)).json")
    }

    public static func load(_ files: StoreFiles, account: String) throws -> FetchState {
        guard let data = try DurableIO.read(url(files, account: account)) else { return FetchState() }
        return try JSONFormat.decode(FetchState.self, from: data, file: "fetch/\(account).json")
    }

    public func save(_ files: StoreFiles, account: String) throws {
        let target = Self.url(files, account: account)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try DurableIO.replace(target, with: JSONFormat.encoder(pretty: true).encode(self))
    }

    /// Every account's state, by account name; unreadable files are skipped.
    public static func all(_ files: StoreFiles) -> [(account: String, state: FetchState)] {
        let dir = files.root.appendingPathComponent("fetch")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            let account = String(name.dropLast(5))
            return (try? load(files, account: account)).map { (account, $0) }
        }
    }

    /// One line per account for admins: "mastodon-main: fetched 3 min ago" or the error.
    public static func summary(_ files: StoreFiles, now: Date) -> [String] {
        all(files).map { account, state in
            if let error = state.lastError, let at = state.errorAt, at >= (state.lastFetched ?? .distantPast) {
                // The sentence up to the platform's own words and the advice: short enough for a status line.
                let short = error.components(separatedBy: " (").first?.components(separatedBy: "; ").first ?? error
                return "\(account): \(short) \(ago(at, now))"
            }
            guard let at = state.lastFetched else { return "\(account): never fetched" }
            return "\(account): fetched \(ago(at, now))"
        }
    }

    static func ago(_ date: Date, _ now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        if s < 90 { return "just now" }
        if s < 5400 { return "\(s / 60) min ago" }
        if s < 172_800 { return "\(s / 3600) h ago" }
        return "\(s / 86_400) days ago"
    }
}
