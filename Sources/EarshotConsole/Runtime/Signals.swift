#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hang-up (a dropped SSH connection), terminate and interrupt end the loop cleanly,
/// so the terminal is restored and nothing half-written is left behind.
public enum Signals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    public static var stopRequested: Bool { flag != 0 }

    public static func install() {
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { _ in Signals.flag = 1 }
        }
        // A closed terminal must not kill us mid-write with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }
}
