#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hang-up (a dropped SSH connection), terminate and interrupt end the loop cleanly,
/// so the terminal is restored and nothing half-written is left behind.
public enum Signals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    /// A pipe the handler writes a byte to: the loop sleeps in poll(2) with no timeout,
    /// and a signal that came just before it went to sleep must still wake it.
    nonisolated(unsafe) private static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)

    public static var stopRequested: Bool { flag != 0 }

    /// Readable once a stop was asked for; nil before `install`.
    public static var wakeDescriptor: Int32? { pipeEnds.read >= 0 ? pipeEnds.read : nil }

    public static func install() {
        if pipeEnds.read < 0, let ends = WakePipe.makeEnds() { pipeEnds = ends }
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { _ in
                Signals.flag = 1
                // write(2) is async-signal-safe; a full pipe already wakes the loop.
                var byte: UInt8 = 1
                _ = write(Signals.pipeEnds.write, &byte, 1)
            }
        }
        // A closed terminal must not kill us mid-write with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }
}
