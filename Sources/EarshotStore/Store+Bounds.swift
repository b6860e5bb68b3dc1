import EarshotCore
import Foundation

extension Store {
    /// A comment longer than the store's limit is kept whole in `overflow/ITEM.txt`
    /// and enters the inbox cut short with a marker, so one giant comment cannot
    /// make every screen and key slow.
    func boundLocked(_ request: Request) throws -> Request {
        guard case .receive(var item) = request.command else { return request }
        let limit = workspace.config.commentLimitBytes
        let size = item.text.utf8.count
        guard size > limit else { return request }
        let name = "\(Self.safeFileName(item.id)).txt"
        try FileManager.default.createDirectory(at: files.overflow, withIntermediateDirectories: true)
        let url = files.overflow.appendingPathComponent(name)
        if try !DurableIO.createOnce(url, with: Data(item.text.utf8)) {
            // Already kept by an earlier attempt at the same arrival: it must be the same text.
            guard try DurableIO.read(url) == Data(item.text.utf8) else {
                throw StoreError.malformed(file: "overflow/\(name)", line: nil, detail: "holds a different text for \(item.id)")
            }
        }
        item.text = Self.cut(item.text, toBytes: limit) + "\n[… cut at \(Self.bytes(limit)) of \(Self.bytes(size)); the whole text is in overflow/\(name)]"
        item.truncated = true
        var bounded = request
        bounded.command = .receive(item)
        return bounded
    }

    /// The longest prefix of whole characters within `limit` UTF-8 bytes.
    static func cut(_ text: String, toBytes limit: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            used += text.utf8.distance(from: index.samePosition(in: text.utf8) ?? text.utf8.startIndex,
                                       to: next.samePosition(in: text.utf8) ?? text.utf8.endIndex)
            if used > limit { break }
            end = next
        }
        return String(text[..<end])
    }

    static func bytes(_ n: Int) -> String {
        n >= 1 << 20 ? String(format: "%.1f MB", Double(n) / Double(1 << 20)) : "\(n / 1024) KiB"
    }

    static func safeFileName(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
