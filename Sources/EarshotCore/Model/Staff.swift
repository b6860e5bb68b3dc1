/// What a person may do in Earshot.
public enum Role: String, Codable, CaseIterable, Sendable {
    /// Branch staff: triage the inbox, draft posts.
    case staff
    /// Corporate communications: approve, send back or reject drafts; resolve escalations.
    case comms
    /// Managers: analytics, staff and policy.
    case admin
}

/// A person known to the store, keyed by Unix login.
public struct StaffMember: Codable, Hashable, Sendable {
    public var login: String
    public var name: String
    public var role: Role
    /// Branch id; comms and admins may have none.
    public var branch: String?

    public init(login: String, name: String, role: Role, branch: String? = nil) {
        self.login = login
        self.name = name
        self.role = role
        self.branch = branch
    }
}

/// A library branch.
public struct Branch: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// When the branch is open; response targets count only these hours.
    public var hours: OpeningHours?

    public init(id: String, name: String, hours: OpeningHours? = nil) {
        self.id = id
        self.name = name
        self.hours = hours
    }
}
