import EarshotStore
import Foundation

/// Many consoles open on one store at once, all idle, as on a shared host at lunchtime:
/// their CPU seconds over a quiet spell, and their memory (proportional set size, so
/// pages the consoles share are not counted once per console).
enum Crowd {
    static func run(binary: String, consoles: Int, items: Int, seconds: Double, seed: URL) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-bench-crowd-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let config = try Generator.demoConfig(seed: seed)
        try StoreSetup.create(at: work, from: Generator.workspace(items: items, config: config, login: PtyBench.currentLogin()))
        var sessions: [PtySession] = []
        defer { sessions.forEach { $0.finish(quit: "q") } }
        let start = DispatchTime.now()
        for _ in 0..<consoles {
            let session = try PtySession(command: [binary, "--store", work.path], environment: PtyRun.environment)
            guard session.waitFor("quit", since: DispatchTime.now(), timeout: 180, quietMs: 100) != nil else {
                throw BenchError("a console did not open: \(session.lastOutput.debugDescription)")
            }
            sessions.append(session)
        }
        let opened = elapsed(since: start)
        // Let the last ones settle, then measure a quiet spell while reading their output.
        let settle = DispatchTime.now()
        while elapsed(since: settle) < 2 { sessions.forEach { $0.read(within: 0) }; usleep(50_000) }
        let cpuBefore = sessions.map { $0.cpuSeconds() }.reduce(0, +)
        let quiet = DispatchTime.now()
        while elapsed(since: quiet) < seconds { sessions.forEach { $0.read(within: 0) }; usleep(100_000) }
        let cpu = sessions.map { $0.cpuSeconds() }.reduce(0, +) - cpuBefore
        let pss = sessions.map { proportional($0.pid) }.reduce(0, +)
        let rss = sessions.map { $0.residentBytes() }.reduce(0, +)
        print(String(format: "%d consoles on one %d-item store: opened one after another in %.1f s; idle %.0f s: %.2f CPU seconds in all; memory %.0f MB proportional (%.0f MB resident summed)",
                     consoles, items, opened, seconds, cpu, Double(pss) / 1e6, Double(rss) / 1e6))
    }

    /// Proportional set size in bytes, from /proc/PID/smaps_rollup.
    static func proportional(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }
}
