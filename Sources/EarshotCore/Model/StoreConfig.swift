import Foundation

/// The contents of `store.json`: who the store belongs to and how it behaves.
public struct StoreConfig: Codable, Hashable, Sendable {
    /// Names the file format, so a stray JSON file is never mistaken for a store.
    public var format: String
    public var version: Int
    public var organisation: String
    public var branches: [Branch]
    public var channels: [ChannelAccount]
    public var policy: Policy
    /// IANA time zone in which days are counted (e.g. "Europe/London"); UTC when absent.
    public var timeZone: String?
    /// Present in the demo seed only. Read when `earshot --demo` makes a copy (the copy's
    /// marker then carries it); on any store opened by path it is ignored, with a warning.
    public var demo: DemoSettings?
    /// Named filters, one key away in the inbox.
    public var savedViews: [SavedView]?
    /// Named filters for the drafts pane, in the drafts filter language, on keys 3…8 there.
    public var draftViews: [SavedView]?
    /// Reply templates with placeholders such as {author} and {branch.hours}.
    public var savedReplies: [SavedReply]?
    /// Minutes within which an item on a channel should get its first reply, in opening hours.
    public var responseTargets: [String: Int]?
    /// Per channel, whether staff replies go out directly or through approval (the default).
    public var replyRoutes: [String: ReplyRoute]?
    /// Per channel, how many comms officers must approve (default 1; a corporate account may need 2).
    public var approvalsNeeded: [String: Int]?
    /// Banned phrases, campaign hashtags, link limits, alt text, quiet hours.
    public var postPolicy: PostPolicy?
    /// Who may draft for which channels: keys are a login or a role, values channel names.
    /// A person not covered by any key may draft for every channel.
    public var draftChannels: [String: [Channel]]?
    /// Bounds on what comes in from outside.
    public var limits: Limits?
    /// Rules run in order on every arriving item (condition in the filter language, then actions).
    public var arrivalRules: [ArrivalRule]?

    public static let formatName = "earshot-store"
    /// Version 2: every journal line carries "prev", the hash chain (`earshot migrate` upgrades 1).
    public static let currentVersion = 2

    public init(
        organisation: String, branches: [Branch], channels: [ChannelAccount],
        policy: Policy = Policy(), timeZone: String? = nil, demo: DemoSettings? = nil
    ) {
        self.timeZone = timeZone
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.organisation = organisation
        self.branches = branches
        self.channels = channels
        self.policy = policy
        self.demo = demo
    }

    /// Longest comment kept whole in the inbox, in UTF-8 bytes (default 64 KiB).
    public var commentLimitBytes: Int { max(1024, limits?.commentBytes ?? Limits.defaultCommentBytes) }

    public func replyRoute(for channel: Channel) -> ReplyRoute {
        replyRoutes?[channel.rawValue] ?? .approval
    }

    /// Approvals a post on these channels needs: the strictest channel decides.
    public func approvalsNeeded(for channels: [Channel]) -> Int {
        max(1, channels.map { approvalsNeeded?[$0.rawValue] ?? 1 }.max() ?? 1)
    }

    /// The channels someone may draft for: their login's entry, else their role's, else all.
    public func channelsAllowed(for member: StaffMember) -> [Channel] {
        draftChannels?[member.login] ?? draftChannels?[member.role.rawValue] ?? Channel.allCases
    }

    /// Settings that parse as JSON but cannot work as written, each named, so a
    /// mistake in store.json is reported instead of being silently ignored.
    public func problems() -> [String] {
        var list: [String] = []
        for branch in branches {
            list += (branch.hours?.validate() ?? []).map { "branch \(branch.id) hours: \($0)" }
        }
        list += SavedView.validate(savedViews ?? []).map { "savedViews: \($0)" }
        for view in draftViews ?? [] {
            if case .failure(let error) = DraftFilter.parse(view.filter) { list.append("draftViews: \(view.name): \(error.message)") }
        }
        if let quiet = postPolicy?.quietHours {
            for time in [quiet.from, quiet.to] where time.range(of: #"^([01]\d|2[0-3]):[0-5]\d$"#, options: .regularExpression) == nil {
                list.append("postPolicy.quietHours: '\(time)' is not a time like 22:00")
            }
        }
        for (channel, n) in approvalsNeeded ?? [:] {
            if Channel(rawValue: channel) == nil { list.append("approvalsNeeded: no channel '\(channel)'") }
            if n < 1 { list.append("approvalsNeeded.\(channel): needs at least 1") }
        }
        for channel in (responseTargets ?? [:]).keys where Channel(rawValue: channel) == nil {
            list.append("responseTargets: no channel '\(channel)'")
        }
        return list
    }

    /// The policy's findings for a draft, as author and reviewer both see them.
    public func lint(_ draft: Draft, publishAt: Date? = nil) -> [LintFinding] {
        PolicyLint.check(text: draft.text, channels: draft.channels, images: draft.images,
                         publishAt: publishAt ?? draft.scheduledFor, policy: postPolicy ?? .none, calendar: calendar)
    }

    public func responseTarget(for channel: Channel) -> Int? {
        responseTargets?[channel.rawValue]
    }

    public func branch(_ id: String?) -> Branch? {
        guard let id else { return nil }
        return branches.first { $0.id == id }
    }
}

/// One of the library's accounts on a platform.
public struct ChannelAccount: Codable, Hashable, Sendable {
    public var channel: Channel
    /// The account's name on the platform, e.g. "@riversidelibs".
    public var account: String
    /// Who sees what `deliver` posts here, where the platform asks (Mastodon: public,
    /// unlisted, private or direct; default public).
    public var visibility: String?

    public init(channel: Channel, account: String, visibility: String? = nil) {
        self.channel = channel
        self.account = account
        self.visibility = visibility
    }
}

/// `store.json` `limits`: bounds on text from outside.
public struct Limits: Codable, Hashable, Sendable {
    /// A longer comment is stored cut short, its whole text kept in `overflow/`.
    public var commentBytes: Int?
    public static let defaultCommentBytes = 64 * 1024
    public init(commentBytes: Int? = nil) { self.commentBytes = commentBytes }
}

/// Workflow rules an organisation can tune.
public struct Policy: Codable, Hashable, Sendable {
    /// Nobody approves a draft they wrote.
    public var fourEyes: Bool

    public init(fourEyes: Bool = true) {
        self.fourEyes = fourEyes
    }
}

/// Settings that make a store a demo.
public struct DemoSettings: Codable, Hashable, Sendable {
    /// The moment the demo data was written for; the demo clock starts here.
    public var clockAnchor: Date
    /// Who you are when your login is not in `staff.json`.
    public var defaultLogin: String

    public init(clockAnchor: Date, defaultLogin: String) {
        self.clockAnchor = clockAnchor
        self.defaultLogin = defaultLogin
    }
}
