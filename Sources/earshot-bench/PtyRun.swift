import Foundation

/// What one program did in a pty, figure by figure (seconds, bytes).
struct PtyFigures {
    /// With `cache/snapshot.bin` written by an earlier open of the same store.
    var firstFrame: Double?
    /// On a fresh copy of the store, whose cache the open must make (or do without).
    var firstFrameCold: Double?
    var keys: [String: (seconds: Double, bytes: Int)] = [:]
    var idleCPU: Double?
    var idleBytes: Int?
    var resident: Int?
}

/// One program as the benchmark drives it: how to start it, what shows its first
/// usable frame, and which keys do each thing (nil where it has no such thing).
struct Subject {
    var label: String
    var command: [String]
    var ready: String
    var quit: String
    var steps: [Step]
}

/// A measured key: `setup` is typed before it and `after` once it is answered (both
/// unmeasured, one key at a time), so every sample starts from the same screen.
struct Step {
    var name: String
    var setup = ""
    var key: String
    var after = ""
}

/// Progress on stderr, so a long run shows where it is.
func progress(_ line: String) {
    FileHandle.standardError.write(Data("  \(line)\n".utf8))
}

enum PtyRun {
    static let environment: [String: String] = {
        let env = ProcessInfo.processInfo.environment
        return [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PATH": env["PATH"] ?? "/usr/bin:/bin", "HOME": env["HOME"] ?? "/tmp",
            "USER": env["USER"] ?? "root", "LOGNAME": env["LOGNAME"] ?? env["USER"] ?? "root",
        ]
    }()

    /// Median seconds from spawn to the first usable frame over `runs` fresh starts.
    static func firstFrame(_ subject: Subject, runs: Int, prepare: () throws -> Void) throws -> Double? {
        var times: [Double] = []
        for _ in 0..<runs {
            try prepare()
            let start = DispatchTime.now()
            let session = try PtySession(command: subject.command, environment: environment)
            let t = session.waitFor(subject.ready, since: start, timeout: 180)
            session.finish(quit: subject.quit)
            guard let t else { throw BenchError("\(subject.label) never showed '\(subject.ready)': \(session.lastOutput.debugDescription)") }
            times.append(t)
        }
        return times.sorted()[times.count / 2]
    }

    /// One session: the keys in order (each `repeats` times, median), then idle CPU and memory.
    static func session(_ subject: Subject, repeats: Int, idleSeconds: Double) throws -> PtyFigures {
        var figures = PtyFigures()
        let start = DispatchTime.now()
        let session = try PtySession(command: subject.command, environment: environment)
        defer { session.finish(quit: subject.quit) }
        guard session.waitFor(subject.ready, since: start, timeout: 180) != nil else {
            throw BenchError("\(subject.label) never showed '\(subject.ready)'; its last output: \(session.lastOutput.debugDescription)")
        }
        for step in subject.steps {
            var samples: [(seconds: Double, bytes: Int)] = []
            for _ in 0..<repeats {
                for ch in step.setup { _ = session.press(String(ch), quietMs: 60, timeout: 10) }
                samples.append(session.press(step.key, timeout: 10))
                for ch in step.after { _ = session.press(String(ch), quietMs: 60, timeout: 10) }
            }
            progress("\(subject.label) \(step.name): \(samples.map { String(format: "%.1f ms/%d B", $0.seconds * 1000, $0.bytes) })")
            let sorted = samples.sorted { $0.seconds < $1.seconds }
            figures.keys[step.name] = sorted[sorted.count / 2]
        }
        figures.resident = session.residentBytes()
        let cpu = session.cpuSeconds()
        let bytes = session.received
        let idleStart = DispatchTime.now()
        while elapsed(since: idleStart) < idleSeconds { session.read(within: 200) }
        figures.idleCPU = session.cpuSeconds() - cpu
        figures.idleBytes = session.received - bytes
        return figures
    }

    static func earshot(label: String, binary: String, store: URL) -> Subject {
        Subject(
            label: label, command: [binary, "--store", store.path], ready: "quit", quit: "q",
            steps: [
                Step(name: "j cursor move", key: "j"),
                Step(name: "PgDn", key: "\u{1B}[6~"),
                Step(name: "d mark handled", key: "d", after: "u"),
                Step(name: "u undo", setup: "d", key: "u"),
                Step(name: "s hide as spam", key: "s", after: "u"),
                Step(name: "/ search, 1st key typed", setup: "/", key: "z", after: "\u{1B}"),
                Step(name: "/ search, 4th key typed", setup: "/zqx", key: "v", after: "\u{1B}"),
                Step(name: "F filter, Enter", setup: "Fchannel:x status:new", key: "\r", after: "0"),
                Step(name: "0 show all", setup: "Fchannel:x status:new\r", key: "0"),
            ])
    }

    /// neomutt's nearest equivalents: `u` undelete, `l` (limit) for a filter, `l all` to
    /// show all again, Ctrl-G to leave a prompt; it has no spam key.
    static func neomutt(mbox: URL, muttrc: URL) -> Subject {
        Subject(
            label: "neomutt", command: ["neomutt", "-n", "-F", muttrc.path, "-f", mbox.path], ready: "Msgs:", quit: "x",
            steps: [
                Step(name: "j cursor move", key: "j"),
                Step(name: "PgDn", key: "\u{1B}[6~"),
                Step(name: "d mark handled", key: "d", after: "u"),
                Step(name: "u undo", setup: "d", key: "u"),
                Step(name: "/ search, 1st key typed", setup: "/", key: "z", after: "\u{7}"),
                Step(name: "/ search, 4th key typed", setup: "/zqx", key: "v", after: "\u{7}"),
                Step(name: "/ search, Enter", setup: "/zqxv", key: "\r"),
                Step(name: "F filter, Enter", setup: "l~N ~f user1", key: "\r", after: "lall\r"),
                Step(name: "0 show all", setup: "l~N ~f user1\r", key: "lall\r"),
            ])
    }
}
