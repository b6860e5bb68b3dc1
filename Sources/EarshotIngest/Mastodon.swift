import EarshotCore
import Foundation

/// Mastodon's `GET /api/v1/notifications` and `/api/v1/statuses/:id/context`
/// (https://docs.joinmastodon.org/entities/Notification/, …/entities/Status/).
public enum Mastodon {
    public struct Account: Decodable, Sendable {
        public var id: String
        public var acct: String
        public var username: String?
        public var display_name: String?
    }

    public struct Status: Decodable, Sendable {
        public var id: String
        public var created_at: String
        public var edited_at: String?
        public var in_reply_to_id: String?
        public var content: String
        public var spoiler_text: String?
        public var url: String?
        public var account: Account
    }

    public struct Notification: Decodable, Sendable {
        public var id: String
        public var type: String
        public var created_at: String
        public var status: Status?
    }

    public struct Context: Decodable, Sendable {
        public var ancestors: [Status]
    }

    /// Notification types that bring a conversation to the library.
    public static let types = ["mention", "quote", "update"]

    public static func notifications(_ data: Data) throws -> [Notification] {
        do { return try JSONDecoder().decode([Notification].self, from: data) } catch {
            throw MappingError("Mastodon notifications: \(error)")
        }
    }

    public static func context(_ data: Data) throws -> Context {
        do { return try JSONDecoder().decode(Context.self, from: data) } catch {
            throw MappingError("Mastodon status context: \(error)")
        }
    }

    /// Mentions and quotes become arrivals; an `update` becomes an edit of its status.
    public static func arrivals(_ notifications: [Notification], ownAcct: String) -> [Arrival] {
        notifications.compactMap { n in
            guard types.contains(n.type), let status = n.status else { return nil }
            var a = arrival(status, ownAcct: ownAcct)
            if n.type == "update" {
                a.editOf = status.id
                a.platformID = status.id + "@" + (status.edited_at ?? n.created_at)
            }
            return a
        }
    }

    public static func arrival(_ s: Status, ownAcct: String) -> Arrival {
        var text = HTMLText.plain(s.content)
        if let warning = s.spoiler_text, !warning.isEmpty { text = "CW: \(warning)\n\(text)" }
        let name = s.account.display_name.flatMap { $0.isEmpty ? nil : $0 } ?? s.account.username ?? s.account.acct
        return Arrival(
            channel: .mastodon, platformID: s.id, handle: "@" + s.account.acct, name: name, text: text,
            at: PlatformDate.iso(s.created_at) ?? Date(timeIntervalSince1970: 0),
            inReplyTo: s.in_reply_to_id, url: s.url,
            fromLibrary: s.account.acct.lowercased() == ownAcct.lowercased())
    }

    /// The `min_id` of the `rel="prev"` link, or of any link: the newer side to page towards.
    public static func prevMinID(linkHeader: String?) -> String? {
        guard let header = linkHeader else { return nil }
        for part in header.split(separator: ",") where part.contains("rel=\"prev\"") {
            if let range = part.range(of: "min_id=") {
                return String(part[range.upperBound...].prefix(while: { $0.isNumber || $0.isLetter }))
            }
        }
        return nil
    }
}
