import EarshotCore
import Foundation

/// Names of the files in a store directory.
public struct StoreFiles: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var config: URL { root.appendingPathComponent("store.json") }
    public var staff: URL { root.appendingPathComponent("staff.json") }
    public var snapshot: URL { root.appendingPathComponent("snapshot.json") }
    public var journal: URL { root.appendingPathComponent("journal.jsonl") }
    /// Bytes of a torn last journal line, kept for inspection instead of being thrown away.
    public var torn: URL { root.appendingPathComponent("journal.torn") }
    /// Writers hold an exclusive flock on this file while they append or compact.
    public var lock: URL { root.appendingPathComponent(".lock") }
    public var archive: URL { root.appendingPathComponent("archive") }

    /// Journal events moved out by compactions, oldest first; read by audits only.
    public var archivedEvents: URL { archive.appendingPathComponent("events.jsonl") }
    public var outbox: URL { root.appendingPathComponent("outbox") }
    /// Whole texts of comments too long to keep in the inbox itself.
    public var overflow: URL { root.appendingPathComponent("overflow") }

    public func archiveFile(month: String) -> URL {
        archive.appendingPathComponent("\(month).jsonl")
    }
}

/// `staff.json`.
struct StaffFile: Codable {
    var version: Int
    var staff: [StaffMember]
}

/// `snapshot.json`: the open work as of journal sequence `seq`.
struct SnapshotFile: Codable {
    var version: Int
    var seq: Int
    var items: [InboxItem]
    var drafts: [Draft]
    /// Absent in hand-written stores; rebuilt from the items then.
    var rollups: Rollups?
    /// Hash of the last event line this snapshot covers (the chain's head at `seq`);
    /// absent means the genesis value: the journal's first line chains from it.
    var head: String? = nil
    /// Absent in stores written before analytics; rebuilt from the archive then.
    var ledger: Ledger?

    /// Version 2 records `head`.
    static let currentVersion = 2
}

/// One JSON style for every file: stable key order and ISO-8601 UTC times,
/// so files diff cleanly and a person can read and repair them.
enum JSONFormat {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// Decodes a whole file, turning decoder errors into a message that names the
    /// file, the line where it can tell, and the field.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted = error, let problem = JSONSyntax.firstProblem(in: data) {
                throw StoreError.malformed(file: file, line: problem.line, detail: "not valid JSON: \(problem.message) at column \(problem.column)")
            }
            throw StoreError.malformed(file: file, line: nil, detail: explain(error))
        }
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p.hasPrefix(".") ? String(p.dropFirst()) : p)"
        }
        switch error {
        case .dataCorrupted(let c):
            return "not valid JSON\(path(c))"
        case .keyNotFound(let key, let c):
            return "missing field '\(key.stringValue)'\(path(c))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "\(c.debugDescription.lowercasedFirst)\(path(c))"
        @unknown default:
            return "\(error)"
        }
    }

    /// The line a syntax error points at, found by our own scan since Foundation does not say.
    static func line(of error: DecodingError, in data: Data) -> Int? {
        guard case .dataCorrupted = error else { return nil }
        return JSONSyntax.firstProblem(in: data)?.line
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
