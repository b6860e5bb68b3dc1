import EarshotCore
import EarshotStore
import Foundation

/// `POST /api/v1/statuses` with an Idempotency-Key: Mastodon answers a repeat of
/// the same key (for an hour, per account) with the status it already made.
struct MastodonSender: Sender {
    /// How long after the first attempt a repeat is still covered by the key.
    static let keyLifetime: TimeInterval = 55 * 60

    func send(_ post: OutboxPost, key: String, _ c: FetchContext) throws -> SentPost {
        let visibility = post.visibility ?? "public"
        guard ["public", "unlisted", "private", "direct"].contains(visibility) else {
            throw DeliveryRejected(description: "store.json sets Mastodon's visibility to '\(visibility)'; use public, unlisted, private or direct")
        }
        var body: [String: Any] = ["status": post.text, "visibility": visibility]
        if let target = post.inReplyTo { body["in_reply_to_id"] = target.platformID }
        // Images first, each with its alt text; a repeat after a crash only leaves unused media.
        let images = try ImageFile.load(post, root: c.book.files.root)
        if !images.isEmpty { body["media_ids"] = try images.map { try upload($0, c) } }
        let request = HTTPRequest("POST", try c.url("/api/v1/statuses", []), headers: [
            "Authorization": "Bearer \(try c.secret())", "Content-Type": "application/json", "Idempotency-Key": key,
        ], body: c.jsonBody(body))
        let object = c.json(try c.attempt(request, what: "Mastodon statuses"))
        guard let id = object["id"] as? String else { throw FetchError.server("Mastodon answered without a status id") }
        return SentPost(platformID: id, url: object["url"] as? String)
    }

    func upload(_ image: ImageFile, _ c: FetchContext) throws -> String {
        let boundary = "earshot-\(UUID().uuidString)"
        let r = try c.attempt(HTTPRequest("POST", try c.url("/api/v2/media", []), headers: [
            "Authorization": "Bearer \(try c.secret())", "Content-Type": "multipart/form-data; boundary=\(boundary)",
        ], body: image.multipart(boundary: boundary)), what: "Mastodon media")
        guard let id = c.json(r)["id"] as? String else { throw FetchError.server("Mastodon answered the upload without a media id") }
        return id
    }

    func delete(_ post: OutboxPost, platformID: String, _ c: FetchContext) throws {
        let r = try c.once(HTTPRequest("DELETE", try c.url("/api/v1/statuses/\(platformID)", []), headers: ["Authorization": "Bearer \(try c.secret())"]))
        if r.status == 404 { return }
        _ = try c.sorted(r, what: "Mastodon delete")
    }

    /// The key is the answer while it lasts: sending again returns the same status.
    /// Past its lifetime nobody can tell from here, so a person decides.
    func find(_ post: OutboxPost, key: String, since: Date, _ c: FetchContext) throws -> SentPost? {
        if c.http.now().timeIntervalSince(since) > Self.keyLifetime {
            throw DeliveryRejected(description: "the first try was over an hour ago and Mastodon no longer remembers its key; check the account, then retry or withdraw")
        }
        return nil
    }
}
