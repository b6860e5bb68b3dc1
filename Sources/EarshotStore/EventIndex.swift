import EarshotCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cache/events.idx`: a sparse index of archive/events.jsonl, so that
/// `audit --since` reads only the stretch of history that can hold what it asks for.
///
/// The archive is cut into blocks of about 256 KiB on line boundaries; for each the
/// index keeps its offset, its first line number and the latest event time in it.
/// A block whose latest time is before `since` cannot hold an event at or after it,
/// so reading starts at the first block that can. The latest time, not the first:
/// event times are not strictly in order (a session that waited for the lock
/// appends a time earlier than the line before it), and the answer stays exact.
///
/// Derived and checked like the snapshot cache: it covers a prefix of the archive
/// (which only grows), and is used only when the archive is the same file (device,
/// inode), at least as long, ends the covered prefix with the same bytes, and the
/// index passes its own checksums and belongs to the archive's owner. Otherwise the
/// archive is read whole, as before, and the index is made again. Each read extends
/// it over whatever the archive gained since.
struct EventIndex: Equatable {
    struct Block: Equatable {
        var offset: Int
        /// 1-based line number of the block's first line, for error messages.
        var line: Int
        var latest: Date
    }

    static let blockBytes = 256 * 1024
    static let magic = UInt64(littleEndian: 0x5844_4956_4554_5345)  // "ESTEVIDX"
    static let formatVersion: UInt64 = 1
    static let headerWords = 10

    var blocks: [Block] = []
    /// Bytes of the archive the blocks cover; always the end of a complete line.
    var covered = 0
    /// Lines in the covered bytes.
    var lines = 0

    static func url(_ files: StoreFiles) -> URL {
        files.root.appendingPathComponent("cache").appendingPathComponent("events.idx")
    }

    /// Where reading must start so as to miss no event at or after `since`.
    func start(since: Date?) -> (offset: Int, line: Int) {
        guard let since else { return (0, 1) }
        if let block = blocks.first(where: { $0.latest >= since }) { return (block.offset, block.line) }
        return (covered, lines + 1)
    }

    /// Takes in what was read from offset `base`, whose first line is `firstLine`:
    /// the lines past `covered`.
    mutating func extend(with chunk: JournalReader.Chunk, from base: Int, firstLine: Int) {
        for record in chunk.records where base + record.start >= covered {
            let offset = base + record.start
            if let last = blocks.last, offset - last.offset < Self.blockBytes {
                blocks[blocks.count - 1].latest = max(last.latest, record.event.at)
            } else {
                blocks.append(Block(offset: offset, line: record.line, latest: record.event.at))
            }
        }
        covered = max(covered, base + chunk.consumed)
        lines = max(lines, firstLine - 1 + chunk.lines)
    }

    // MARK: The file

    /// The archive as the file system knows it, from the descriptor it is read through.
    struct Archive {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var owner: uid_t

        init?(fd: Int32) {
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int(st.st_size)
            owner = st.st_uid
        }
    }

    /// XXH64 of the last 4 KiB of the covered prefix: an archive rewritten rather
    /// than appended to (a migration) no longer ends the prefix with them.
    static func sample(fd: Int32, covered: Int) -> UInt64? {
        let from = max(0, covered - 4096)
        var bytes = [UInt8](repeating: 0, count: covered - from)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(from)) }
        return n == bytes.count ? WordHash.hash(bytes) : nil
    }

    /// The index for the archive open as `fd`, if there is one it can be trusted.
    static func load(_ files: StoreFiles, archive: Archive, fd: Int32) -> EventIndex? {
        let handle = open(url(files).path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard handle >= 0 else { return nil }
        defer { close(handle) }
        var st = stat()
        guard fstat(handle, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == archive.owner,
              st.st_size >= headerWords * 8, st.st_size <= 1 << 26,
              let data = try? DurableIO.readAll(fd: handle, from: 0, file: "cache/events.idx"), data.count == Int(st.st_size)
        else { return nil }
        let words = data.withUnsafeBytes { raw in
            (0..<data.count / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
        let header = Array(words.prefix(headerWords))
        let body = Array(words.dropFirst(headerWords))
        guard header[0] == magic, header[1] == formatVersion,
              header[9] == WordHash.hash(header.prefix(9).flatMap(bytes)),
              header[2] == archive.device, header[3] == archive.inode,
              let covered = Int(exactly: header[4]), covered <= archive.size,
              let lines = Int(exactly: header[5]), lines <= covered,
              let count = Int(exactly: header[7]), body.count == 3 * count, data.count % 8 == 0,
              header[8] == WordHash.hash(body.flatMap(bytes)),
              header[6] == sample(fd: fd, covered: covered)
        else { return nil }
        var index = EventIndex(covered: covered, lines: lines)
        for i in 0..<count {
            guard let offset = Int(exactly: body[3 * i]), let line = Int(exactly: body[3 * i + 1]),
                  offset < covered, line >= 1, line <= lines,
                  offset > (index.blocks.last?.offset ?? -1), line > (index.blocks.last?.line ?? 0)
            else { return nil }
            index.blocks.append(Block(offset: offset, line: line, latest: Date(timeIntervalSinceReferenceDate: Double(bitPattern: body[3 * i + 2]))))
        }
        return index
    }

    /// Writes the index for the archive open as `fd`. Best effort: a store that cannot
    /// take it reads the whole archive, as before.
    func save(_ files: StoreFiles, archive: Archive, fd: Int32) {
        guard archive.owner == geteuid(), let sample = Self.sample(fd: fd, covered: covered) else { return }
        let body = blocks.flatMap { [UInt64($0.offset), UInt64($0.line), $0.latest.timeIntervalSinceReferenceDate.bitPattern] }
        var header = [Self.magic, Self.formatVersion, archive.device, archive.inode, UInt64(covered), UInt64(lines), sample,
                      UInt64(blocks.count), WordHash.hash(body.flatMap(Self.bytes))]
        header.append(WordHash.hash(header.flatMap(Self.bytes)))
        let data = Data((header + body).flatMap(Self.bytes))
        _ = try? DurableIO.replace(Self.url(files), with: data, durable: false)
    }

    private static func bytes(_ word: UInt64) -> [UInt8] { withUnsafeBytes(of: word.littleEndian) { Array($0) } }
}
