#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hang-up (a dropped SSH connection), terminate and interrupt end the loop cleanly,
/// so the terminal is restored and nothing half-written is left behind.
public enum Signals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    /// A pipe the handlers write a byte to: the loop sleeps in poll(2) with no timeout,
    /// and a signal that came just before it went to sleep must still wake it.
    nonisolated(unsafe) private static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)
    /// ncurses' own SIGWINCH handler, which ours passes the signal on to.
    nonisolated(unsafe) private static var cursesWindowHandler: (@convention(c) (Int32) -> Void)?

    public static var stopRequested: Bool { flag != 0 }

    /// Readable after a signal (a stop, or the window's size changing); nil before `install`.
    public static var wakeDescriptor: Int32? { pipeEnds.read >= 0 ? pipeEnds.read : nil }

    public static func install() {
        if pipeEnds.read < 0, let ends = WakePipe.makeEnds() { pipeEnds = ends }
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { _ in
                Signals.flag = 1
                Signals.ring()
            }
        }
        // A closed terminal must not kill us mid-write with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// After ncurses has set up its SIGWINCH handler: a resize also wakes the loop,
    /// which then reads the KEY_RESIZE ncurses makes of it.
    public static func wakeOnWindowChange() {
        var current = sigaction()
        guard sigaction(SIGWINCH, nil, &current) == 0, current.sa_flags & SA_SIGINFO == 0 else { return }
        let handler = current.__sigaction_handler.sa_handler
        // 0 and 1 are SIG_DFL and SIG_IGN: nothing of ncurses' to pass on.
        if unsafeBitCast(handler, to: Int.self) > 1 { cursesWindowHandler = handler }
        signal(SIGWINCH) { sig in
            Signals.cursesWindowHandler?(sig)
            Signals.ring()
        }
    }

    /// Empties the pipe once the loop has woken for it.
    static func drain() {
        if pipeEnds.read >= 0 { WakePipe.drain(pipeEnds.read) }
    }

    private static func ring() {
        // write(2) is async-signal-safe; a full pipe already wakes the loop.
        var byte: UInt8 = 1
        _ = write(pipeEnds.write, &byte, 1)
    }
}
