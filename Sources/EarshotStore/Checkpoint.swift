import Crypto
import Foundation

/// A signed statement "the chain's line at seq N hashes to H", small enough to copy
/// off the host. Someone who rewrites the journal and recomputes every "prev" still
/// cannot make an older checkpoint match, because only the store's key signs.
///
/// The key is `keys/checkpoint.ed25519` in the store, created 0600 (directory 0700)
/// by the first `earshot checkpoint` or compaction: in the service-account deployment
/// only that account can read it. `keys/checkpoint.pub` is the public half.
public struct Checkpoint: Codable, Equatable {
    public var version: Int
    public var seq: Int
    public var head: String
    public var at: Date
    /// Base64 of the Ed25519 public key that signed.
    public var publicKey: String
    /// Base64 Ed25519 signature over `message`.
    public var signature: String

    var message: Data {
        Data("earshot-checkpoint\n\(seq)\n\(head)\n\(ISO8601DateFormatter().string(from: at))".utf8)
    }

    func signatureIsValid() -> Bool {
        guard let key = Data(base64Encoded: publicKey), let sig = Data(base64Encoded: signature),
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key)
        else { return false }
        return publicKey.isValidSignature(sig, for: message)
    }
}

extension Checkpoint {
    static func directory(_ files: StoreFiles) -> URL { files.root.appendingPathComponent("checkpoints") }
    static func keyFile(_ files: StoreFiles) -> URL { files.root.appendingPathComponent("keys/checkpoint.ed25519") }
    static func publicKeyFile(_ files: StoreFiles) -> URL { files.root.appendingPathComponent("keys/checkpoint.pub") }

    /// Signs the chain head at `seq` and writes checkpoints/SEQ.json. Creates the key on first use.
    @discardableResult
    static func write(files: StoreFiles, seq: Int, head: String, at now: Date) throws -> URL {
        let key = try signingKey(files)
        let at = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var checkpoint = Checkpoint(
            version: 1, seq: seq, head: head, at: at,
            publicKey: key.publicKey.rawRepresentation.base64EncodedString(), signature: "")
        checkpoint.signature = try key.signature(for: checkpoint.message).base64EncodedString()
        let dir = directory(files)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(String(format: "%010d.json", seq))
        try DurableIO.replace(url, with: JSONFormat.encoder(pretty: true).encode(checkpoint))
        return url
    }

    /// The store's signing key, made (0600, in a 0700 directory) when there is none.
    static func signingKey(_ files: StoreFiles) throws -> Curve25519.Signing.PrivateKey {
        let url = keyFile(files)
        if let data = try DurableIO.read(url) {
            guard let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            else { throw StoreError.malformed(file: "keys/checkpoint.ed25519", line: nil, detail: "not an Ed25519 key written by Earshot") }
            return key
        }
        let dir = url.deletingLastPathComponent()
        if mkdir(dir.path, 0o700) != 0 && errno != EEXIST {
            throw StoreError.io(file: "keys", operation: "create", errno: errno)
        }
        let key = Curve25519.Signing.PrivateKey()
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(file: "keys/checkpoint.ed25519", operation: "create", errno: errno) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        try DurableIO.writeAll(fd: fd, Data((key.rawRepresentation.base64EncodedString() + "\n").utf8), file: "keys/checkpoint.ed25519")
        try DurableIO.sync(fd: fd, file: "keys/checkpoint.ed25519")
        try DurableIO.replace(publicKeyFile(files), with: Data((key.publicKey.rawRepresentation.base64EncodedString() + "\n").utf8))
        return key
    }

    /// Every checkpoint in the store plus `extra`, against the chain in `report`.
    static func check(files: StoreFiles, extra: [URL], against report: inout ChainCheck.Report) throws {
        let dir = directory(files)
        let local = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
        let storeKey = (try? DurableIO.read(publicKeyFile(files))).flatMap { $0 }
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        var newestGood: Int?
        for url in local + extra {
            let name = local.contains(url) ? "checkpoints/\(url.lastPathComponent)" : url.path
            guard let data = try DurableIO.read(url) else {
                report.problems.append("checkpoint \(name) could not be found")
                continue
            }
            guard let checkpoint = try? JSONFormat.decoder().decode(Checkpoint.self, from: data) else {
                report.problems.append("checkpoint \(name) is not a checkpoint file")
                continue
            }
            report.checkpointsChecked += 1
            guard checkpoint.signatureIsValid() else {
                report.problems.append("checkpoint \(name) (seq \(checkpoint.seq)) has a signature that does not verify: it was altered after signing")
                continue
            }
            if let storeKey, storeKey != checkpoint.publicKey {
                report.problems.append("checkpoint \(name) (seq \(checkpoint.seq)) was signed by a key that is not this store's (keys/checkpoint.pub)")
                continue
            }
            guard let line = report.lines.first(where: { $0.event?.seq == checkpoint.seq }) else {
                report.problems.append("checkpoint \(name) signed seq \(checkpoint.seq), which is no longer in the chain: events up to it were removed")
                continue
            }
            guard line.hash == checkpoint.head else {
                report.problems.append("checkpoint \(name), signed \(ISO8601DateFormatter().string(from: checkpoint.at)), says seq \(checkpoint.seq) hashes to \(Chain.short(checkpoint.head)), but \(line.file) line \(line.number) (seq \(checkpoint.seq)) hashes to \(Chain.short(line.hash)): the history up to that line was rewritten after it was signed")
                continue
            }
            newestGood = max(newestGood ?? 0, checkpoint.seq)
        }
        guard let lastSeq = report.lines.last?.event?.seq else { return }
        if let newestGood {
            if lastSeq > newestGood {
                report.notes.append("events \(newestGood + 1)–\(lastSeq) come after the newest signed checkpoint (seq \(newestGood)): no signature vouches for them yet")
            }
        } else {
            report.notes.append("no signed checkpoint covers this store yet: without one the chain shows a line changed in place, but not a history rewritten with every prev recomputed (run `earshot checkpoint` and keep a copy off the host)")
        }
    }
}
