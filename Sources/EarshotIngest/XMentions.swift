import EarshotCore
import Foundation

/// X API v2 `GET /2/users/:id/mentions` with `expansions=author_id`
/// (https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id).
public enum XMentions {
    public struct Reference: Decodable, Sendable { public var type: String; public var id: String }

    public struct Post: Decodable, Sendable {
        public var id: String
        public var text: String
        public var author_id: String?
        public var created_at: String?
        public var referenced_tweets: [Reference]?
    }

    public struct User: Decodable, Sendable { public var id: String; public var name: String; public var username: String }
    public struct Includes: Decodable, Sendable { public var users: [User]? }
    public struct Meta: Decodable, Sendable {
        public var newest_id: String?
        public var next_token: String?
        public var result_count: Int?
    }

    public struct Page: Decodable, Sendable {
        public var data: [Post]?
        public var includes: Includes?
        public var meta: Meta?
    }

    public static func page(_ data: Data) throws -> Page {
        do { return try JSONDecoder().decode(Page.self, from: data) } catch {
            throw MappingError("X mentions: \(error)")
        }
    }

    /// X escapes &, < and > in post text; they are decoded here.
    public static func arrivals(_ page: Page, ownID: String) -> [Arrival] {
        let users = Dictionary((page.includes?.users ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return (page.data ?? []).map { p in
            let user = p.author_id.flatMap { users[$0] }
            let handle = user.map { "@" + $0.username } ?? "@" + (p.author_id ?? "unknown")
            return Arrival(
                channel: .x, platformID: p.id, handle: handle, name: user?.name ?? handle,
                text: HTMLText.decodeEntities(p.text), at: p.created_at.flatMap(PlatformDate.iso) ?? Date(timeIntervalSince1970: 0),
                inReplyTo: p.referenced_tweets?.first(where: { $0.type == "replied_to" })?.id,
                url: user.map { "https://x.com/\($0.username)/status/\(p.id)" }, fromLibrary: p.author_id == ownID)
        }
    }
}
