import Foundation

/// The service account's `~/.ssh/authorized_keys`, of which Earshot manages one marked
/// block: one line per key, `restrict,pty,command="… shell LOGIN" TYPE KEY COMMENT`,
/// so the login comes from the key and nobody gets a shell. Lines outside the block
/// are kept byte for byte.
public struct AuthorizedKeys: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var login: String
        public var key: PublicKey
    }

    /// One public key as `ssh-keygen` writes it.
    public struct PublicKey: Equatable, Sendable {
        public var type: String
        public var blob: String
        public var comment: String

        static let types: Set<String> = [
            "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
        ]

        /// Reads the one key of a `.pub` file. Options, several keys or anything that
        /// is not a key are refused, so nothing but the key reaches authorized_keys.
        public init(parsing text: String) throws {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            guard lines.count == 1 else {
                throw KeysError("a public key file holds exactly one key line; this one has \(lines.count)")
            }
            let parts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
            guard parts.count >= 2, Self.types.contains(parts[0]) else {
                throw KeysError("not a public key (it should start with ssh-ed25519, ssh-rsa or ecdsa-sha2-…, and carry no options)")
            }
            guard let decoded = Data(base64Encoded: parts[1]), decoded.count > 4 + parts[0].utf8.count,
                  decoded.dropFirst(4).prefix(parts[0].utf8.count).elementsEqual(parts[0].utf8) else {
                throw KeysError("the key's data is not a valid \(parts[0]) key")
            }
            type = parts[0]
            blob = parts[1]
            // A comment is a label; keep it to plain characters so it cannot smuggle anything.
            comment = String((parts.count > 2 ? parts[2] : "").unicodeScalars
                .filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789@._+-: ".unicodeScalars.contains($0)) }
                .map(Character.init))
        }

        init(type: String, blob: String, comment: String) {
            self.type = type
            self.blob = blob
            self.comment = comment
        }
    }

    public static let begin = "# BEGIN earshot keys (managed by `earshot keys add/remove`; edits here are overwritten)"
    public static let end = "# END earshot keys"

    public private(set) var entries: [Entry]
    private var before: [String]
    private var after: [String]

    public init(text: String) throws {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let b = lines.firstIndex(of: Self.begin) else {
            (before, entries, after) = (lines, [], [])
            return
        }
        guard let e = lines[b...].firstIndex(of: Self.end) else {
            throw KeysError("the earshot block has a BEGIN line but no END line; fix the file by hand first")
        }
        before = Array(lines[..<b])
        after = Array(lines[(e + 1)...])
        entries = try lines[(b + 1)..<e].filter { !$0.isEmpty }.map(Self.parseEntry)
    }

    /// A line of the block, back into login and key.
    static func parseEntry(_ line: String) throws -> Entry {
        let prefix = "restrict,pty,command=\""
        guard line.hasPrefix(prefix), let close = line.dropFirst(prefix.count).firstIndex(of: "\"") else {
            throw KeysError("a line in the earshot block is not one earshot wrote: \(line.prefix(60))")
        }
        let command = line[line.index(line.startIndex, offsetBy: prefix.count)..<close]
        let rest = line[line.index(after: close)...].split(separator: " ", maxSplits: 2).map(String.init)
        guard let login = command.split(separator: " ").last, rest.count >= 2 else {
            throw KeysError("a line in the earshot block is not one earshot wrote: \(line.prefix(60))")
        }
        return Entry(login: String(login), key: PublicKey(type: rest[0], blob: rest[1], comment: rest.count > 2 ? rest[2] : ""))
    }

    /// Adds `key` for `login`. False when that login already has it. Refused when the
    /// key belongs to another login, or already has a line of its own outside the block
    /// (which would give its holder a shell whatever the block says).
    public mutating func add(login: String, key: PublicKey) throws -> Bool {
        if let other = entries.first(where: { $0.key.blob == key.blob }) {
            if other.login == login { return false }
            throw KeysError("this key is already the key of '\(other.login)'; a key maps to one login only")
        }
        if (before + after).contains(where: { line in
            !line.hasPrefix("#") && line.split(separator: " ").contains { $0 == key.blob }
        }) {
            throw KeysError("this key already has a line of its own in authorized_keys, outside earshot's block; remove that line first")
        }
        entries.append(Entry(login: login, key: key))
        return true
    }

    /// Removes every key of `login`; returns how many.
    public mutating func remove(login: String) -> Int {
        let count = entries.count
        entries.removeAll { $0.login == login }
        return count - entries.count
    }

    /// The whole file, the block's lines made by `command(login)`.
    public func render(command: (String) -> String) -> String {
        var block: [String] = []
        if !entries.isEmpty {
            block = [Self.begin] + entries.map { entry in
                let key = [entry.key.type, entry.key.blob, entry.key.comment].filter { !$0.isEmpty }.joined(separator: " ")
                return "restrict,pty,command=\"\(command(entry.login))\" \(key)"
            } + [Self.end]
        }
        let lines = before + block + after
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Writes `text` to `url` atomically, mode 0600, making its directory (0700) if need be.
    public static func write(_ text: String, to url: URL) throws {
        try DurableIO.replace(url, with: Data(text.utf8), mode: 0o600)
    }
}

public struct KeysError: Error, CustomStringConvertible {
    public var description: String
    init(_ text: String) { description = text }
}
