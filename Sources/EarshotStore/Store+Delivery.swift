import EarshotCore
import Foundation

extension Store {
    /// One `earshot deliver` at a time per store: a second one waits here until the
    /// first is done, then finds what the first recorded and sends nothing twice.
    public func withDeliveryLock<T>(_ body: () throws -> T) throws -> T {
        try FileLock(files.root.appendingPathComponent(".deliver.lock")).withLock(body)
    }

    /// Posts published before this time are not delivered: they were published
    /// before `earshot deliver` was set up, and whatever sent them then did. Fixed by
    /// the first run (`proposed`, normally a day before it) in `deliver.json`, never
    /// moved after; an officer switching from a script of their own says `--from now`.
    public func deliveryStart(proposed: Date) throws -> Date {
        struct Marker: Codable { var version = 1; var from: Date }
        let url = files.root.appendingPathComponent("deliver.json")
        try DurableIO.createOnce(url, with: JSONFormat.encoder(pretty: true).encode(Marker(from: proposed)))
        guard let data = try DurableIO.read(url), let marker = try? JSONFormat.decoder().decode(Marker.self, from: data) else {
            throw StoreError.malformed(file: "deliver.json", line: nil, detail: "cannot be read; it says from when posts are delivered")
        }
        return marker.from
    }

    /// What the gate released for a published draft: its outbox files, read back.
    /// A file that is missing or does not match the draft is reported, never sent.
    public func outboxPosts(for draft: Draft) -> [Result<OutboxPost, StoreError>] {
        draft.outbox.map { path in
            let url = files.root.appendingPathComponent(path)
            let data: Data?
            do { data = try DurableIO.read(url) } catch {
                return .failure(.malformed(file: path, line: nil, detail: "cannot be read: \(error)"))
            }
            guard let data, let post = try? JSONFormat.decoder().decode(OutboxPost.self, from: data) else {
                return .failure(.malformed(file: path, line: nil, detail: "is missing or unreadable; \(draft.id) cannot be delivered from it"))
            }
            guard post.draft == draft.id, draft.channels.contains(post.channel) else {
                return .failure(.malformed(file: path, line: nil, detail: "does not hold \(draft.id)"))
            }
            return .success(post)
        }
    }
}
