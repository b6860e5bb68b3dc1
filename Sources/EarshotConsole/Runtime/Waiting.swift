#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the loop sleeps: until one of `descriptors` is readable (or hung up), or
/// `timeoutMilliseconds` pass (negative: no timeout). Returns the ready descriptors;
/// an interrupted wait (a signal, such as ncurses' SIGWINCH) returns all of them, so
/// each source is looked at. Injectable so a test can count and steer the waits.
public protocol LoopWaiter {
    func wait(for descriptors: [Int32], timeoutMilliseconds: Int) -> Set<Int32>
}

/// The real one: poll(2).
public struct PollWaiter: LoopWaiter {
    public init() {}

    public func wait(for descriptors: [Int32], timeoutMilliseconds: Int) -> Set<Int32> {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let n = poll(&fds, nfds_t(fds.count), Int32(clamping: max(-1, timeoutMilliseconds)))
        if n < 0 { return Set(descriptors) }
        return Set(fds.filter { $0.revents != 0 }.map(\.fd))
    }
}

/// A non-blocking pipe used as a doorbell between threads (or from a signal handler).
/// Any number of rings before the reader drains it wake the reader once.
final class WakePipe: @unchecked Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init?() {
        guard let ends = WakePipe.makeEnds() else { return nil }
        (readEnd, writeEnd) = ends
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    static func makeEnds() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }

    func ring() {
        var byte: UInt8 = 1
        // EAGAIN: the pipe is full, so the reader will wake anyway.
        _ = write(writeEnd, &byte, 1)
    }

    func drain() { WakePipe.drain(readEnd) }

    static func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 256)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
