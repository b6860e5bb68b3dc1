import Foundation

/// The ledger is written column by column, times as seconds since 1970: a year
/// of a busy service is then a few megabytes that decode in a fraction of the
/// time objects with ISO-8601 dates would take.
extension Ledger: Codable {
    enum CodingKeys: String, CodingKey {
        case version, channels
        case arrivalID, arrivalChannel, arrivalBranch, arrivalReceived, arrivalAuthor, arrivalTags, arrivalReply, arrivalClosed, arrivalEscalated
        case markKind, markAt, markSubject, markActor, markBranch, markChannels
        case draftID, draftBranch, draftChannels, draftReply, draftDirect
    }

    static let format = 1

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .version)
        let channels = Channel.allCases
        try c.encode(channels.map(\.rawValue), forKey: .channels)
        func ch(_ x: Channel) -> Int { channels.firstIndex(of: x)! }
        try c.encode(arrivals.map(\.id), forKey: .arrivalID)
        try c.encode(arrivals.map { ch($0.channel) }, forKey: .arrivalChannel)
        try c.encode(arrivals.map(\.branch), forKey: .arrivalBranch)
        try c.encode(arrivals.map(\.receivedAt.timeIntervalSince1970), forKey: .arrivalReceived)
        try c.encode(arrivals.map(\.author), forKey: .arrivalAuthor)
        try c.encode(arrivals.map(\.tags), forKey: .arrivalTags)
        try c.encode(arrivals.map { $0.firstReplyAt?.timeIntervalSince1970 }, forKey: .arrivalReply)
        try c.encode(arrivals.map { $0.closedAt?.timeIntervalSince1970 }, forKey: .arrivalClosed)
        try c.encode(arrivals.map(\.escalated), forKey: .arrivalEscalated)
        try c.encode(marks.map(\.kind.rawValue), forKey: .markKind)
        try c.encode(marks.map(\.at.timeIntervalSince1970), forKey: .markAt)
        try c.encode(marks.map(\.subject), forKey: .markSubject)
        try c.encode(marks.map(\.actor), forKey: .markActor)
        try c.encode(marks.map(\.branch), forKey: .markBranch)
        try c.encode(marks.map { $0.channels.map(ch) }, forKey: .markChannels)
        let ids = drafts.keys.sorted()
        try c.encode(ids, forKey: .draftID)
        try c.encode(ids.map { drafts[$0]!.branch }, forKey: .draftBranch)
        try c.encode(ids.map { drafts[$0]!.channels.map(ch) }, forKey: .draftChannels)
        try c.encode(ids.map { drafts[$0]!.inReplyTo }, forKey: .draftReply)
        try c.encode(ids.map { drafts[$0]!.direct }, forKey: .draftDirect)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(Int.self, forKey: .version)
        guard version <= Self.format else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: c, debugDescription: "ledger format \(version) is newer than this earshot (\(Self.format))")
        }
        let names = try c.decode([String].self, forKey: .channels)
        let known = try names.map { name in
            guard let channel = Channel(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .channels, in: c, debugDescription: "unknown channel '\(name)'")
            }
            return channel
        }
        func ch(_ i: Int) throws -> Channel {
            guard known.indices.contains(i) else {
                throw DecodingError.dataCorruptedError(forKey: .channels, in: c, debugDescription: "channel number \(i) out of range")
            }
            return known[i]
        }
        func date(_ t: Double) -> Date { Date(timeIntervalSince1970: t) }
        func column<T: Decodable>(_ type: T.Type, _ key: CodingKeys, count: Int) throws -> [T] {
            let values = try c.decode([T].self, forKey: key)
            guard values.count == count else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(values.count) values where \(count) were expected")
            }
            return values
        }
        let ids = try c.decode([String].self, forKey: .arrivalID)
        let n = ids.count
        let channel = try column(Int.self, .arrivalChannel, count: n), branch = try column(String?.self, .arrivalBranch, count: n)
        let received = try column(Double.self, .arrivalReceived, count: n), author = try column(String.self, .arrivalAuthor, count: n)
        let tags = try column([String].self, .arrivalTags, count: n), reply = try column(Double?.self, .arrivalReply, count: n)
        let closed = try column(Double?.self, .arrivalClosed, count: n), escalated = try column(Bool.self, .arrivalEscalated, count: n)
        var arrivals: [Arrival] = []
        arrivals.reserveCapacity(n)
        for i in 0..<n {
            arrivals.append(Arrival(id: ids[i], channel: try ch(channel[i]), branch: branch[i], receivedAt: date(received[i]),
                                    author: author[i], tags: tags[i], firstReplyAt: reply[i].map(date),
                                    closedAt: closed[i].map(date), escalated: escalated[i]))
        }
        let kinds = try c.decode([String].self, forKey: .markKind)
        let m = kinds.count
        let at = try column(Double.self, .markAt, count: m), subject = try column(String.self, .markSubject, count: m)
        let actor = try column(String.self, .markActor, count: m), markBranch = try column(String?.self, .markBranch, count: m)
        let markChannels = try column([Int].self, .markChannels, count: m)
        var marks: [Mark] = []
        marks.reserveCapacity(m)
        for i in 0..<m {
            guard let kind = Kind(rawValue: kinds[i]) else {
                throw DecodingError.dataCorruptedError(forKey: .markKind, in: c, debugDescription: "unknown kind '\(kinds[i])'")
            }
            marks.append(Mark(kind: kind, at: date(at[i]), subject: subject[i], actor: actor[i], branch: markBranch[i],
                              channels: try markChannels[i].map(ch)))
        }
        let draftIDs = try c.decode([String].self, forKey: .draftID)
        let d = draftIDs.count
        let draftBranch = try column(String?.self, .draftBranch, count: d), draftChannels = try column([Int].self, .draftChannels, count: d)
        let draftReply = try column(String?.self, .draftReply, count: d), draftDirect = try column(Bool.self, .draftDirect, count: d)
        var drafts: [String: DraftFacts] = [:]
        for i in 0..<d {
            drafts[draftIDs[i]] = DraftFacts(branch: draftBranch[i], channels: try draftChannels[i].map(ch), inReplyTo: draftReply[i],
                                             direct: draftDirect[i], published: false)
        }
        self.init(arrivals: arrivals, marks: marks, drafts: drafts)
    }
}
