import EarshotCore
import EarshotStore
import Foundation

/// A platform Earshot can fetch from (and, later, deliver to).
public enum Platform: String, Codable, CaseIterable, Sendable {
    case mastodon, bluesky, wordpress, feed, facebook, x

    /// The inbox channel an account of this platform feeds unless told otherwise.
    public var defaultChannel: Channel {
        switch self {
        case .mastodon: .mastodon
        case .bluesky: .bluesky
        case .wordpress, .feed: .blog
        case .facebook: .facebook
        case .x: .x
        }
    }

    /// What `login` means for this platform, for help text and errors.
    public var loginMeaning: String {
        switch self {
        case .mastodon: "the account's handle, e.g. harbourside (optional; read from the token)"
        case .bluesky: "the handle, e.g. harbourside.bsky.social"
        case .wordpress: "the WordPress user name the application password belongs to (optional)"
        case .feed: "not used"
        case .facebook: "the Page id"
        case .x: "the numeric user id of the library's account"
        }
    }

    public var needsSecret: Bool { self != .feed && self != .wordpress }
}

/// One configured account: a platform, where it lives, which channel and branch its
/// items feed, and the name of its secret file. The secret itself is never here.
public struct Account: Codable, Hashable, Sendable {
    public var name: String
    public var platform: Platform
    /// The instance or API base (https://mastodon.social, https://bsky.social,
    /// https://blog.example.org, the feed's URL, https://graph.facebook.com/v21.0, https://api.x.com).
    public var instance: String
    public var channel: Channel
    public var branch: String?
    public var login: String?

    public init(name: String, platform: Platform, instance: String, channel: Channel? = nil, branch: String? = nil, login: String? = nil) {
        self.name = name
        self.platform = platform
        self.instance = instance
        self.channel = channel ?? platform.defaultChannel
        self.branch = branch
        self.login = login
    }

    /// The journal actor for what this account brings in.
    public var actor: String { "fetch:\(name)" }

    public var baseURL: URL? {
        URL(string: instance.hasSuffix("/") ? String(instance.dropLast()) : instance)
    }
}

/// `accounts.json` and `secrets/` in a store: the accounts, and one 0600 file per
/// secret (token or app password), never printed, logged or journalled.
public struct AccountBook {
    public let files: StoreFiles

    public init(files: StoreFiles) { self.files = files }

    struct File: Codable {
        var version: Int
        var accounts: [Account]
    }

    var url: URL { files.root.appendingPathComponent("accounts.json") }
    var secrets: URL { files.root.appendingPathComponent("secrets") }

    public func secretURL(_ name: String) -> URL { secrets.appendingPathComponent(name) }
    public func sessionURL(_ name: String) -> URL { secrets.appendingPathComponent("\(name).session") }

    public func accounts() throws -> [Account] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        do {
            return try JSONDecoder().decode(File.self, from: data).accounts
        } catch {
            throw AccountError("accounts.json cannot be read (\(error)); fix or remove it")
        }
    }

    public func account(_ name: String) throws -> Account {
        guard let account = try accounts().first(where: { $0.name == name }) else {
            let names = try accounts().map(\.name)
            throw AccountError("no account '\(name)'" + (names.isEmpty ? "; add one with `earshot accounts add`" : "; there are: \(names.joined(separator: ", "))"))
        }
        return account
    }

    public func add(_ account: Account, secret: Data?) throws {
        guard account.name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"#, options: .regularExpression) != nil else {
            throw AccountError("an account name is letters, digits, '.', '_' or '-' (it names files and the actor fetch:NAME)")
        }
        var list = try accounts()
        guard !list.contains(where: { $0.name == account.name }) else {
            throw AccountError("there is already an account '\(account.name)'; remove it first")
        }
        if let secret { try PrivateFile.write(secretURL(account.name), secret) }
        list.append(account)
        try save(list)
    }

    public func remove(_ name: String) throws {
        var list = try accounts()
        guard list.contains(where: { $0.name == name }) else { throw AccountError("no account '\(name)'") }
        list.removeAll { $0.name == name }
        try save(list)
        unlink(secretURL(name).path)
        unlink(sessionURL(name).path)
    }

    /// The account's secret, trimmed of a trailing newline; nil when it has none.
    public func secret(_ name: String) throws -> String? {
        guard let data = try PrivateFile.read(secretURL(name)) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "••••••••7f2a": enough to tell two secrets apart, never enough to use one.
    public static func mask(_ secret: String?) -> String {
        guard let secret, !secret.isEmpty else { return "(none)" }
        let tail = secret.count >= 16 ? String(secret.suffix(4)) : ""
        return String(repeating: "•", count: 8) + tail
    }

    func save(_ list: [Account]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(File(version: 1, accounts: list))
        // accounts.json holds no secret, but only its owner needs to change it.
        try PrivateFile.write(url, data, closeDirectory: false)
    }
}

public struct AccountError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
