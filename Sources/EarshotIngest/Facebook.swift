import EarshotCore
import Foundation

/// Facebook Page comments from the Graph API: `/{page-id}/feed` for the page's
/// posts, `/{post-id}/comments?filter=stream` for every comment and reply
/// (https://developers.facebook.com/docs/graph-api/reference/object/comments/).
public enum Facebook {
    public struct From: Decodable, Sendable { public var id: String?; public var name: String? }
    public struct Parent: Decodable, Sendable { public var id: String }

    public struct Comment: Decodable, Sendable {
        public var id: String
        public var message: String?
        public var created_time: String
        public var from: From?
        public var parent: Parent?
        public var permalink_url: String?
    }

    public struct Post: Decodable, Sendable { public var id: String }

    public struct Paging: Decodable, Sendable { public var next: String? }
    public struct Page<T: Decodable & Sendable>: Decodable, Sendable {
        public var data: [T]
        public var paging: Paging?
    }

    /// `{"error":{"message":…,"code":190}}`; code 190 is an expired or revoked token.
    public struct GraphError: Decodable, Sendable {
        public struct Body: Decodable, Sendable { public var message: String; public var code: Int? }
        public var error: Body
    }

    public static func page<T: Decodable & Sendable>(_ data: Data, of: T.Type) throws -> Page<T> {
        do { return try JSONDecoder().decode(Page<T>.self, from: data) } catch {
            throw MappingError("Facebook Graph page: \(error)")
        }
    }

    /// A top-level comment answers the page's post; a reply answers its parent comment.
    public static func arrivals(_ comments: [Comment], postID: String, pageID: String) -> [Arrival] {
        comments.map { c in
            let name = c.from?.name ?? "Facebook user"
            return Arrival(
                channel: .facebook, platformID: c.id, handle: name, name: name,
                text: c.message ?? "", at: PlatformDate.iso(c.created_time) ?? Date(timeIntervalSince1970: 0),
                inReplyTo: c.parent?.id ?? postID, url: c.permalink_url, fromLibrary: c.from?.id == pageID)
        }
    }
}
