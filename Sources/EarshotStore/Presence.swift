import EarshotCore
import Foundation

/// Who is looking at what, right now, in other sessions. Not history, so not in
/// the journal: each session keeps one small file in `sessions/` fresh, and
/// entries older than `Presence.lifetime` are ignored (a killed session fades out).
public struct Presence: Codable, Hashable, Sendable {
    public var login: String
    /// host:pid, unique per running console.
    public var session: String
    public var item: String?
    public var replying: Bool
    public var updatedAt: Date

    public static let lifetime: TimeInterval = 12

    public init(login: String, session: String, item: String?, replying: Bool, updatedAt: Date) {
        self.login = login
        self.session = session
        self.item = item
        self.replying = replying
        self.updatedAt = updatedAt
    }

    /// This process's session name.
    public static var currentSession: String {
        "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }
}

extension Store {
    private var sessionsDirectory: URL { files.root.appendingPathComponent("sessions") }

    private func sessionFile(_ session: String) -> URL {
        let safe = String(session.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        return sessionsDirectory.appendingPathComponent("\(safe).json")
    }

    /// Publishes where this session is. Not fsynced: presence is ephemeral by nature.
    public func publish(_ presence: Presence) throws {
        try DurableIO.replace(sessionFile(presence.session), with: JSONFormat.encoder(pretty: false).encode(presence), durable: false)
    }

    /// Other live sessions; unreadable or stale files are skipped.
    public func presences(excluding session: String, now: Date) -> [Presence] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsDirectory.path)) ?? []
        let decoder = JSONFormat.decoder()
        return names.filter { $0.hasSuffix(".json") }.compactMap { name in
            guard let data = try? Data(contentsOf: sessionsDirectory.appendingPathComponent(name)),
                  let p = try? decoder.decode(Presence.self, from: data),
                  p.session != session, now.timeIntervalSince(p.updatedAt) < Presence.lifetime
            else { return nil }
            return p
        }.sorted { ($0.login, $0.session) < ($1.login, $1.session) }
    }

    public func withdraw(session: String) {
        unlink(sessionFile(session).path)
    }
}
