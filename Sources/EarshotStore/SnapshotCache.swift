import EarshotCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cache/snapshot.bin`: what decoding snapshot.json gives, in a compact binary form
/// that opens a large store many times faster. It is derived and never trusted:
///
/// - **stale** when snapshot.json is not the file it was made from: device, inode,
///   size, mtime and ctime (nanoseconds) and a hash of the first and last 64 KiB
///   are recorded in the header and compared on every open; so are the cache format
///   and the fingerprint of the model types (`BinarySchema`);
/// - **damaged** when its header or body fails its XXH64, its length is not the
///   file's, or any bound check of the decoder fails;
/// - **not believed** unless it belongs to whoever owns snapshot.json, so it can say
///   nothing the snapshot's owner could not have written into snapshot.json itself.
///
/// In each case the store reads snapshot.json as before and, when allowed, writes a
/// new cache. Writing is best effort: a read-only directory or a full disk loses the
/// cache, never the open.
enum SnapshotCache {
    /// How a reader may use the cache.
    enum Use {
        /// The console and CLI verbs: read it, and rewrite it when it is not usable.
        case readWrite
        /// `fsck` and `verify`, which promise to write nothing.
        case readOnly
        /// Migration, which must read the JSON as written.
        case ignore
    }

    /// What happened to the cache on one open; said by `fsck`, checked by tests.
    enum Outcome: Equatable {
        case used
        case absent
        case stale(String)
        case damaged(String)
        /// The codec does not cover the model (see `BinarySchema.isComplete`).
        case disabled
        case notUsed
    }

    static let magic = UInt64(littleEndian: 0x4E49_4250_414E_5345)  // "ESNAPBIN"
    /// Bumped whenever the header or body layout changes.
    static let formatVersion: UInt64 = 1
    static let headerSize = 112

    static func url(_ files: StoreFiles) -> URL {
        files.root.appendingPathComponent("cache").appendingPathComponent("snapshot.bin")
    }

    /// snapshot.json as the file system knows it, read through the descriptor the
    /// snapshot itself is (or was) read from.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: UInt64
        var mtimeSeconds: Int64
        var mtimeNanoseconds: Int64
        var ctimeSeconds: Int64
        var ctimeNanoseconds: Int64
        /// XXH64 of the first and the last 64 KiB: catches a file rewritten in place
        /// with its times put back on a file system with coarse timestamps.
        var sample: UInt64
        var owner: uid_t

        static func of(fd: Int32) -> Identity? {
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
            let size = Int(st.st_size)
            let block = 65_536
            var sample = [UInt8](repeating: 0, count: min(size, 2 * block))
            let ranges = size <= 2 * block ? [(0, size)] : [(0, block), (size - block, block)]
            var at = 0
            for (offset, length) in ranges where length > 0 {
                let n = sample.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + at, length, off_t(offset)) }
                guard n == length else { return nil }
                at += length
            }
            return Identity(
                device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: UInt64(size),
                mtimeSeconds: Int64(st.st_mtim.tv_sec), mtimeNanoseconds: Int64(st.st_mtim.tv_nsec),
                ctimeSeconds: Int64(st.st_ctim.tv_sec), ctimeNanoseconds: Int64(st.st_ctim.tv_nsec),
                sample: WordHash.hash(sample), owner: st.st_uid)
        }

        var words: [UInt64] {
            [device, inode, size, UInt64(bitPattern: mtimeSeconds), UInt64(bitPattern: mtimeNanoseconds),
             UInt64(bitPattern: ctimeSeconds), UInt64(bitPattern: ctimeNanoseconds), sample]
        }
    }

    /// The snapshot the cache holds for snapshot.json as `identity` describes it, or
    /// why there is none.
    static func load(_ files: StoreFiles, for identity: Identity) -> (OpenedSnapshot?, Outcome) {
        guard BinarySchema.isComplete else { return (nil, .disabled) }
        let fd = open(url(files).path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return (nil, errno == ENOENT ? .absent : .damaged("cannot be opened (errno \(errno))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return (nil, .damaged("is not a plain file")) }
        guard st.st_uid == identity.owner else { return (nil, .stale("belongs to uid \(st.st_uid), not to snapshot.json's owner")) }
        let size = Int(st.st_size)
        // The body is never more than twice the JSON it encodes: a bigger file is not ours.
        guard size >= headerSize, size <= headerSize + 2 * Int(identity.size) + (1 << 20) else {
            return (nil, .damaged("has an impossible size (\(size) bytes)"))
        }
        guard let file = FileBytes(fd: fd, count: size) else { return (nil, .damaged("could not be read whole")) }
        let raw = UnsafeRawBufferPointer(file.buffer)
        let header = (0..<headerSize / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        guard header[0] == magic else { return (nil, .damaged("is not a snapshot cache")) }
        guard header[13] == WordHash.hash(UnsafeRawBufferPointer(rebasing: raw[0..<104])) else {
            return (nil, .damaged("its header fails its checksum"))
        }
        guard header[1] == formatVersion, header[2] == BinarySchema.fingerprint else {
            return (nil, .stale("was written by another version of earshot"))
        }
        guard Array(header[3..<11]) == identity.words else { return (nil, .stale("snapshot.json has changed since it was written")) }
        guard header[11] == UInt64(size - headerSize) else { return (nil, .damaged("is not as long as its header says")) }
        do {
            return (try SnapshotBody.decode(file, range: headerSize..<size, checksum: header[12]), .used)
        } catch {
            return (nil, .damaged("\(error)"))
        }
    }

    /// Writes the cache for `snapshot`, read from snapshot.json as `identity`
    /// describes it. Best effort, and silent: any failure only leaves no cache.
    @discardableResult
    static func save(_ snapshot: SnapshotFile, for identity: Identity, in files: StoreFiles) -> Bool {
        // A cache only its owner would believe is worth writing only by that owner.
        guard BinarySchema.isComplete, identity.owner == geteuid() else { return false }
        // A directory that will not take the file (a read-only store) is not worth the encoding.
        let dir = url(files).deletingLastPathComponent()
        guard access(FileManager.default.fileExists(atPath: dir.path) ? dir.path : files.root.path, W_OK) == 0 else { return false }
        let body = SnapshotBody.encode(snapshot)
        guard body.count <= 2 * Int(identity.size) + (1 << 20) else { return false }
        var header = [magic, formatVersion, BinarySchema.fingerprint] + identity.words + [UInt64(body.count), WordHash.hash(body)]
        header.append(header.withUnsafeBytes { WordHash.hash($0) })
        var data = Data(capacity: headerSize + body.count)
        for word in header { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: body)
        // Derived, so not worth an fsync: a cache torn by a crash fails its checksum.
        return (try? DurableIO.replace(url(files), with: data, durable: false)) != nil
    }

    /// Removes the cache, so that no cache describes a snapshot about to be replaced.
    static func remove(_ files: StoreFiles) {
        unlink(url(files).path)
    }
}
