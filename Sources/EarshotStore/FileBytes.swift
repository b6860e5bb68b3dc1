import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, read into anonymous memory that the kernel fills with pages in
/// one go (`MAP_POPULATE`) instead of one page fault at a time, as a fresh array is:
/// at 27 MB that was some 6,600 faults. Read with `pread`, never mapped from the file
/// itself, so a file cut short meanwhile gives a short read, never a SIGBUS. Shared
/// read-only between decoding threads; unmapped when the last user lets go.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    /// False for a copy made with `init(copying:)`, which is allocated, not mapped.
    private let mapped: Bool

    var count: Int { buffer.count }

    /// Exactly `count` bytes of `fd` from its start; nil if it has fewer.
    init?(fd: Int32, count: Int) {
        guard count > 0 else { return nil }
        #if canImport(Glibc)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_ANON
        #endif
        guard let p = mmap(nil, count, PROT_READ | PROT_WRITE, flags, -1, 0), p != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        var done = 0
        while done < count {
            let n = pread(fd, p + done, count - done, off_t(done))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        guard done == count else {
            munmap(p, count)
            return nil
        }
        base = p
        mapped = true
        buffer = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// A copy of `bytes` (for tests and small files).
    init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        bytes.withUnsafeBytes { if let from = $0.baseAddress { copy.copyMemory(from: from, byteCount: bytes.count) } }
        base = copy
        buffer = UnsafeBufferPointer(start: copy.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        mapped = false
    }

    deinit {
        if mapped { munmap(base, buffer.count) } else { base.deallocate() }
    }
}
