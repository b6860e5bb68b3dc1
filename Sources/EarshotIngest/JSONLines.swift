import EarshotCore
import Foundation

/// `earshot receive`'s input: one JSON object per line,
///
///     {"channel":"mastodon","id":"113…","handle":"@jo@example.social","name":"Jo",
///      "text":"…","time":"2026-11-27T10:00:00Z","inReplyTo":"113…","url":"https://…","branch":"central"}
///
/// `channel`, `id`, `handle`, `text` and `time` are required; `name` defaults to the
/// handle. A line that cannot be read is reported with its number and skipped.
public enum JSONLines {
    public struct Line: Decodable {
        var channel: String?
        var id: String?
        var handle: String?
        var name: String?
        var text: String?
        var time: String?
        var inReplyTo: String?
        var url: String?
        var branch: String?
        var fromLibrary: Bool?
    }

    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ data: Data) -> (arrivals: [Arrival], problems: [Problem]) {
        var arrivals: [Arrival] = []
        var problems: [Problem] = []
        let decoder = JSONDecoder()
        for (index, raw) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = raw.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            if trimmed.isEmpty || trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard String(data: Data(raw), encoding: .utf8) != nil else {
                problems.append(Problem(line: number, message: "not UTF-8 text"))
                continue
            }
            do {
                let line = try decoder.decode(Line.self, from: Data(raw))
                switch arrival(line) {
                case .success(let a): arrivals.append(a)
                case .failure(let e): problems.append(Problem(line: number, message: e.message))
                }
            } catch let error as DecodingError {
                problems.append(Problem(line: number, message: explain(error)))
            } catch {
                problems.append(Problem(line: number, message: "not a JSON object"))
            }
        }
        return (arrivals, problems)
    }

    static func arrival(_ l: Line) -> Result<Arrival, MappingError> {
        guard let channelName = l.channel else { return .failure(MappingError("missing \"channel\"")) }
        guard let channel = Channel(rawValue: channelName.lowercased()) else {
            let known = Channel.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(MappingError("channel '\(channelName)' is not one of \(known)"))
        }
        guard let id = l.id, !id.isEmpty else { return .failure(MappingError("missing \"id\" (the platform's id for the post)")) }
        guard let handle = l.handle, !handle.isEmpty else { return .failure(MappingError("missing \"handle\"")) }
        guard let text = l.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(MappingError("missing or empty \"text\""))
        }
        guard let timeText = l.time else { return .failure(MappingError("missing \"time\"")) }
        guard let at = PlatformDate.iso(timeText) else {
            return .failure(MappingError("\"time\" '\(timeText)' is not ISO-8601 like 2026-11-27T10:00:00Z"))
        }
        return .success(Arrival(
            channel: channel, platformID: id, handle: handle, name: l.name ?? handle, text: text, at: at,
            inReplyTo: l.inReplyTo?.isEmpty == false ? l.inReplyTo : nil, url: l.url,
            branch: l.branch?.isEmpty == false ? l.branch : nil, fromLibrary: l.fromLibrary ?? false))
    }

    static func explain(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            let field = c.codingPath.last?.stringValue ?? "value"
            return "\"\(field)\" has the wrong type"
        case .dataCorrupted:
            return "not valid JSON"
        default:
            return "not a JSON object of the receive schema"
        }
    }
}
