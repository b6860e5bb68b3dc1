import EarshotCore
import Foundation

/// Bluesky's `app.bsky.notification.listNotifications` and `app.bsky.feed.getPostThread`
/// (https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications).
public enum Bluesky {
    public struct Author: Decodable, Sendable {
        public var did: String
        public var handle: String
        public var displayName: String?
    }

    public struct Ref: Decodable, Sendable { public var uri: String }
    public struct Reply: Decodable, Sendable { public var parent: Ref; public var root: Ref? }

    public struct Feature: Decodable, Sendable {
        public var type: String
        public var uri: String?
        enum CodingKeys: String, CodingKey { case type = "$type", uri }
    }

    public struct Facet: Decodable, Sendable {
        public struct Index: Decodable, Sendable { public var byteStart: Int; public var byteEnd: Int }
        public var index: Index
        public var features: [Feature]
    }

    public struct Record: Decodable, Sendable {
        public var text: String?
        public var createdAt: String?
        public var reply: Reply?
        public var facets: [Facet]?
    }

    public struct Notification: Decodable, Sendable {
        public var uri: String
        public var author: Author
        public var reason: String
        public var record: Record
        public var indexedAt: String
    }

    public struct Page: Decodable, Sendable {
        public var notifications: [Notification]
        public var cursor: String?
    }

    public struct Post: Decodable, Sendable {
        public var uri: String
        public var author: Author
        public var record: Record
        public var indexedAt: String
    }

    /// A `threadViewPost` with its parents (a deleted or blocked parent has no `post`).
    public final class ThreadNode: Decodable, Sendable {
        public let post: Post?
        public let parent: ThreadNode?
    }

    public struct Thread: Decodable, Sendable { public var thread: ThreadNode }

    public struct Session: Codable, Sendable {
        public var accessJwt: String
        public var refreshJwt: String
        public var handle: String
        public var did: String
    }

    public static let reasons: Set<String> = ["mention", "reply", "quote"]

    public static func page(_ data: Data) throws -> Page {
        do { return try JSONDecoder().decode(Page.self, from: data) } catch {
            throw MappingError("Bluesky listNotifications: \(error)")
        }
    }

    public static func thread(_ data: Data) throws -> Thread {
        do { return try JSONDecoder().decode(Thread.self, from: data) } catch {
            throw MappingError("Bluesky getPostThread: \(error)")
        }
    }

    public static func arrivals(_ notifications: [Notification], ownDID: String) -> [Arrival] {
        notifications.filter { reasons.contains($0.reason) }.map {
            arrival(uri: $0.uri, author: $0.author, record: $0.record, indexedAt: $0.indexedAt, ownDID: ownDID)
        }
    }

    public static func arrival(uri: String, author: Author, record: Record, indexedAt: String, ownDID: String) -> Arrival {
        let name = author.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? author.handle
        return Arrival(
            channel: .bluesky, platformID: uri, handle: "@" + author.handle, name: name,
            text: expandLinks(record.text ?? "", facets: record.facets ?? []),
            at: PlatformDate.iso(record.createdAt ?? indexedAt) ?? PlatformDate.iso(indexedAt) ?? Date(timeIntervalSince1970: 0),
            inReplyTo: record.reply?.parent.uri, url: webURL(uri: uri, handle: author.handle),
            fromLibrary: author.did == ownDID)
    }

    /// Bluesky shortens links in the text and keeps the whole address in a facet:
    /// put the whole address back. Facet offsets are UTF-8 bytes and may be wrong.
    static func expandLinks(_ text: String, facets: [Facet]) -> String {
        var bytes = Array(text.utf8)
        let links = facets.compactMap { f -> (Int, Int, String)? in
            guard let uri = f.features.first(where: { $0.type == "app.bsky.richtext.facet#link" })?.uri else { return nil }
            return (f.index.byteStart, f.index.byteEnd, uri)
        }.sorted { $0.0 > $1.0 }
        var lastStart = Int.max
        for (start, end, uri) in links where start >= 0 && start < end && end <= bytes.count && end <= lastStart {
            guard String(bytes: bytes[start..<end], encoding: .utf8) != nil, !text.contains(uri) else { continue }
            bytes.replaceSubrange(start..<end, with: Array(uri.utf8))
            lastStart = start
        }
        return String(bytes: bytes, encoding: .utf8) ?? text
    }

    /// https://bsky.app/profile/HANDLE/post/RKEY for at://DID/app.bsky.feed.post/RKEY.
    static func webURL(uri: String, handle: String) -> String? {
        guard uri.hasPrefix("at://"), let rkey = uri.split(separator: "/").last else { return nil }
        return "https://bsky.app/profile/\(handle)/post/\(rkey)"
    }

    /// Parents of a post, nearest first, as arrivals.
    public static func parents(_ thread: Thread, ownDID: String) -> [Arrival] {
        var list: [Arrival] = []
        var node = thread.thread.parent
        while let current = node {
            if let post = current.post {
                list.append(arrival(uri: post.uri, author: post.author, record: post.record, indexedAt: post.indexedAt, ownDID: ownDID))
            }
            node = current.parent
        }
        return list
    }
}
