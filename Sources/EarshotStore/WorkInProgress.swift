import EarshotCore
import Foundation

/// A half-written reply, saved as it is typed so that quitting, a crash or a
/// dropped SSH connection never loses it. One file per person: `wip/LOGIN.json`.
public struct WorkInProgress: Codable, Hashable, Sendable {
    public var version = 1
    public var login: String
    /// The inbox item being answered.
    public var item: String
    public var text: String
    /// Insertion point, in characters.
    public var cursor: Int
    /// When the reply was begun: replies by others after this moment stop the send.
    public var startedAt: Date
    public var savedAt: Date
    /// For a post rather than a reply: its channels, and its draft once saved.
    public var channels: [Channel]?
    public var draft: String?

    public init(
        login: String, item: String, text: String, cursor: Int, startedAt: Date, savedAt: Date,
        channels: [Channel]? = nil, draft: String? = nil
    ) {
        self.channels = channels
        self.draft = draft
        self.login = login
        self.item = item
        self.text = text
        self.cursor = cursor
        self.startedAt = startedAt
        self.savedAt = savedAt
    }
}

extension Store {
    private var wipDirectory: URL { files.root.appendingPathComponent("wip") }

    private func wipFile(_ login: String) -> URL {
        // Logins are Unix names; anything else is made safe for a file name.
        let safe = String(login.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return wipDirectory.appendingPathComponent("\(safe).json")
    }

    /// Saves durably (temp file, fsync, rename): after this returns, a crash keeps it.
    /// Mode 0600 whatever the store's: an unsent reply is its writer's alone.
    public func saveWorkInProgress(_ wip: WorkInProgress) throws {
        try DurableIO.replace(wipFile(wip.login), with: JSONFormat.encoder(pretty: true).encode(wip), mode: 0o600)
    }

    /// The person's unsent reply, if any. A damaged file is reported, not deleted.
    public func workInProgress(for login: String) throws -> WorkInProgress? {
        guard let data = try DurableIO.readOwn(wipFile(login)) else { return nil }
        return try JSONFormat.decode(WorkInProgress.self, from: data, file: "wip/\(wipFile(login).lastPathComponent)")
    }

    /// Called once the reply is sent or deliberately discarded.
    public func clearWorkInProgress(for login: String) {
        unlink(wipFile(login).path)
    }
}
