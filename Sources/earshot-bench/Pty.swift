import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running in a pseudo-terminal, driven as a person at the keyboard would.
/// Swift rather than a script, so one executable measures both sides in the same run:
/// `posix_openpt` makes the terminal, `posix_spawn` starts `setsid -c`, which gives the
/// program the pty as its controlling terminal (Swift cannot call the variadic `ioctl`
/// for TIOCSCTTY or TIOCSWINSZ itself; `stty` sets the 80x24 size on the slave).
/// Glibc's module map hides the pty functions (they need _XOPEN_SOURCE), so they are
/// looked up by name in the C library already loaded, rather than through a C shim.
final class PtySession {
    let pid: pid_t
    private let master: Int32
    private(set) var received = 0
    /// The most recent output, kept to look for markers without holding every byte.
    private var tail: [UInt8] = []
    /// The program has gone (the pty hung up).
    private(set) var ended = false

    init(command: [String], environment: [String: String], columns: Int = 80, rows: Int = 24) throws {
        let fd = PtyCalls.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0, PtyCalls.grant(fd) == 0, PtyCalls.unlock(fd) == 0, let name = PtyCalls.name(fd) else {
            throw BenchError("cannot make a pseudo-terminal: errno \(errno)")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw BenchError("cannot open the pty slave: errno \(errno)") }
        defer { close(slave) }
        master = fd

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, slave, target) }

        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let argv = ["/usr/bin/setsid", "-c", "/bin/sh", "-c", "stty rows \(rows) cols \(columns) && exec \(quoted)"]
        let env = environment.map { "\($0.key)=\($0.value)" }
        var cArgv = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgv + cEnv).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, nil, &cArgv, &cEnv)
        guard rc == 0 else { throw BenchError("cannot start \(command.first ?? "?"): error \(rc)") }
        pid = child
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads whatever arrives within `milliseconds`; returns the byte count (0 on silence or exit).
    @discardableResult
    func read(within milliseconds: Int32) -> Int {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard !ended, poll(&pfd, 1, milliseconds) > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        guard n > 0 else {
            ended = true
            return 0
        }
        received += n
        tail += buffer[0..<n]
        if tail.count > 16384 { tail.removeFirst(tail.count - 16384) }
        return n
    }

    /// Waits for `marker` in the output; then for the output to go quiet. Returns the
    /// seconds from `start` to the last byte of that burst, or nil after `timeout`.
    func waitFor(_ marker: String, since start: DispatchTime, timeout: Double, quietMs: Int32 = 300) -> Double? {
        let needle = Array(marker.utf8)
        while !contains(needle) {
            if ended || elapsed(since: start) > timeout { return nil }
            read(within: 50)
        }
        var last = elapsed(since: start)
        while read(within: quietMs) > 0 { last = elapsed(since: start) }
        return last
    }

    /// Sends one key and reads the answer until the output has been quiet for `quietMs`:
    /// the seconds from the key to the last byte, and the bytes written in answer.
    func press(_ key: String, quietMs: Int32 = 150, timeout: Double = 60) -> (seconds: Double, bytes: Int) {
        let before = received
        let start = DispatchTime.now()
        send(key)
        var last: Double = 0
        // The first byte may take long (a slow key); after it, silence ends the answer.
        while received == before, !ended, elapsed(since: start) < timeout {
            if read(within: 100) > 0 { last = elapsed(since: start) }
        }
        while read(within: quietMs) > 0 { last = elapsed(since: start) }
        return (last, received - before)
    }

    /// The last output, as text, for saying why a run failed.
    var lastOutput: String { String(decoding: tail.suffix(600), as: UTF8.self) }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard tail.count >= needle.count else { return false }
        for i in 0...(tail.count - needle.count) where tail[i] == needle[0] {
            if Array(tail[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Resident memory in bytes, from /proc.
    func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }

    /// User plus system CPU seconds the program has used so far, from /proc.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14, stime 15 (so indexes 11 and 12 here).
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Ends the program: `quit` keys first, then SIGTERM, then SIGKILL; always reaps it.
    func finish(quit: String) {
        send(quit)
        for _ in 0..<40 {
            read(within: 50)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { close(master); return }
        }
        kill(pid, SIGTERM)
        usleep(300_000)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }
}

/// posix_openpt, grantpt, unlockpt and ptsname from the C library.
enum PtyCalls {
    typealias IntToInt = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("the C library has no \(name)")
        }
        return unsafeBitCast(pointer, to: type)
    }
    static let openpt = symbol("posix_openpt", as: IntToInt.self)
    static let grant = symbol("grantpt", as: IntToInt.self)
    static let unlock = symbol("unlockpt", as: IntToInt.self)
    static let name = symbol("ptsname", as: Name.self)
}

func elapsed(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
