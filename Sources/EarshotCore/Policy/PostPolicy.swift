import Foundation

/// How much a policy finding matters: a warning is shown, a blocking finding
/// stops the draft being submitted, approved or scheduled.
public enum Severity: String, Codable, Sendable { case warning, blocking }

/// The council's posting policy, from `store.json` (`postPolicy`). Every part is optional.
public struct PostPolicy: Codable, Hashable, Sendable {
    public struct PhraseRule: Codable, Hashable, Sendable {
        public var phrase: String
        public var severity: Severity
        public var reason: String?
        public init(phrase: String, severity: Severity, reason: String? = nil) {
            self.phrase = phrase
            self.severity = severity
            self.reason = reason
        }
    }

    /// Posts on `channels` going out between `from` and `to` must carry every hashtag.
    public struct Campaign: Codable, Hashable, Sendable {
        public var name: String
        public var hashtags: [String]
        public var from: Date?
        public var to: Date?
        public var channels: [Channel]?
        public var severity: Severity
        public init(name: String, hashtags: [String], from: Date? = nil, to: Date? = nil, channels: [Channel]? = nil, severity: Severity) {
            self.name = name
            self.hashtags = hashtags
            self.from = from
            self.to = to
            self.channels = channels
            self.severity = severity
        }
    }

    public struct LimitRule: Codable, Hashable, Sendable {
        public var limit: Int
        public var severity: Severity
        public init(limit: Int, severity: Severity) {
            self.limit = limit
            self.severity = severity
        }
    }

    /// No scheduling between `from` and `to` (local "HH:MM"; wraps midnight).
    public struct QuietHours: Codable, Hashable, Sendable {
        public var from: String
        public var to: String
        public var severity: Severity
        public init(from: String, to: String, severity: Severity) {
            self.from = from
            self.to = to
            self.severity = severity
        }
    }

    public var bannedPhrases: [PhraseRule]
    public var campaigns: [Campaign]
    public var maxLinks: LimitRule?
    public var altTextRequired: Severity?
    public var quietHours: QuietHours?

    public init(bannedPhrases: [PhraseRule] = [], campaigns: [Campaign] = [], maxLinks: LimitRule? = nil,
                altTextRequired: Severity? = nil, quietHours: QuietHours? = nil) {
        self.bannedPhrases = bannedPhrases
        self.campaigns = campaigns
        self.maxLinks = maxLinks
        self.altTextRequired = altTextRequired
        self.quietHours = quietHours
    }

    public static let none = PostPolicy()

    enum CodingKeys: String, CodingKey { case bannedPhrases, campaigns, maxLinks, altTextRequired, quietHours }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bannedPhrases = try c.decodeIfPresent([PhraseRule].self, forKey: .bannedPhrases) ?? []
        campaigns = try c.decodeIfPresent([Campaign].self, forKey: .campaigns) ?? []
        maxLinks = try c.decodeIfPresent(LimitRule.self, forKey: .maxLinks)
        altTextRequired = try c.decodeIfPresent(Severity.self, forKey: .altTextRequired)
        quietHours = try c.decodeIfPresent(QuietHours.self, forKey: .quietHours)
    }
}

/// An image a post refers to, by path or URL, with its description for people who cannot see it.
public struct PostImage: Codable, Hashable, Sendable {
    public var source: String
    public var altText: String?
    public init(source: String, altText: String?) {
        self.source = source
        self.altText = altText
    }
}
