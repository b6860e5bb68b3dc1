import EarshotCore
import Foundation

extension Store {
    /// Appends arriving items with dedupe decided under the writers' lock: `plan` is
    /// given a lookup of (channel, platform id) → item id that covers the open items
    /// and the archive, and returns the requests to apply (one write, one fsync).
    /// Two fetches at once therefore never store the same post twice.
    public func applyArrivals(
        at now: Date, _ plan: (_ lookup: (Channel, String) -> String?) throws -> [Request]
    ) throws -> [Result<Event, Refusal>] {
        try withWriteLock {
            let archived = try ArchiveIndex(files: files).load()
            var hot: [String: String] = [:]
            hot.reserveCapacity(workspace.items.count)
            for item in workspace.items.values { hot[ArchiveIndex.key(item.channel, item.platformID)] = item.id }
            let requests = try plan { channel, platformID in
                let key = ArchiveIndex.key(channel, platformID)
                return hot[key] ?? archived[key]
            }
            guard !requests.isEmpty else { return [] }
            return try applyBatchLocked(requests, at: now, mode: .each)
        }
    }
}

/// (channel, platform id) → item id for every archived item, kept in
/// `archive/platform-ids.json` beside the month files so a fetch never rereads the
/// archive; rebuilt when a month file was added or has grown since. Console
/// start-up never reads it.
public struct ArchiveIndex {
    let files: StoreFiles

    public init(files: StoreFiles) { self.files = files }

    var url: URL { files.archive.appendingPathComponent("platform-ids.json") }

    struct Cache: Codable {
        var version: Int
        /// Month → size in bytes of its file when indexed (archive files only grow).
        var months: [String: Int]
        var ids: [String: String]
    }

    static func key(_ channel: Channel, _ platformID: String) -> String {
        channel.rawValue + "\u{1F}" + platformID
    }

    public func load() throws -> [String: String] {
        let archive = Archive(files: files)
        var sizes: [String: Int] = [:]
        for month in archive.months() {
            sizes[month] = DurableIO.identity(files.archiveFile(month: month))?.size ?? 0
        }
        if sizes.isEmpty { return [:] }
        if let data = try DurableIO.read(url),
           let cache = try? JSONFormat.decoder().decode(Cache.self, from: data),
           cache.version == 1, cache.months == sizes {
            return cache.ids
        }
        var ids: [String: String] = [:]
        for month in sizes.keys {
            for item in try archive.items(month: month) { ids[Self.key(item.channel, item.platformID)] = item.id }
        }
        // Best effort: without the cache the next fetch rebuilds it again.
        try? DurableIO.replace(url, with: JSONFormat.encoder(pretty: false).encode(Cache(version: 1, months: sizes, ids: ids)))
        return ids
    }
}
