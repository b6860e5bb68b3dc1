import EarshotCore
import EarshotStore
import Foundation

/// The pty benchmark: for each size, a generated store on disk and an mbox of the same
/// messages; every Earshot binary given and neomutt driven in the same run; a table.
enum PtyBench {
    struct Options {
        var sizes: [Int] = [10_000, 100_000]
        var binaries: [(label: String, path: String)] = []
        var seed = URL(fileURLWithPath: "seeds/demo")
        var runs = 3
        var repeats = 5
        var idleSeconds = 60.0
        var neomutt = true
        var work = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-bench-pty-\(getpid())")
    }

    static func run(_ options: Options) throws {
        let config = try Generator.demoConfig(seed: options.seed)
        let login = currentLogin()
        try FileManager.default.createDirectory(at: options.work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: options.work) }
        print("pty benchmark: 80x24, TERM=xterm-256color, first frame median of \(options.runs), keys median of \(options.repeats), idle \(Int(options.idleSeconds)) s")
        for n in options.sizes {
            let ws = Generator.workspace(items: n, config: config, login: login)
            let pristine = options.work.appendingPathComponent("store-\(n)")
            try StoreSetup.create(at: pristine, from: ws)
            let live = options.work.appendingPathComponent("live-\(n)")
            let fresh = {
                try? FileManager.default.removeItem(at: live)
                try FileManager.default.copyItem(at: pristine, to: live)
            }
            var columns: [(String, PtyFigures)] = []
            for binary in options.binaries {
                let subject = PtyRun.earshot(label: binary.label, binary: binary.path, store: live)
                try fresh()
                // Warms the page cache; its first search is the first of a session (any index built then).
                let warm = try PtyRun.session(subject, repeats: 1, idleSeconds: 0)
                var figures = PtyFigures()
                figures.firstFrameCold = try PtyRun.firstFrame(subject, runs: options.runs, prepare: fresh)
                // The binary itself writes the cache (its own format), as a person's first open would.
                figures.firstFrame = try PtyRun.firstFrame(subject, runs: options.runs) {
                    try fresh()
                    try warmCache(binary.path, live)
                }
                try fresh()
                let keyed = try PtyRun.session(subject, repeats: options.repeats, idleSeconds: options.idleSeconds)
                figures.keys = keyed.keys
                figures.keys[firstSearch] = warm.keys["/ search, 1st key typed"]
                figures.idleCPU = keyed.idleCPU
                figures.idleBytes = keyed.idleBytes
                figures.resident = keyed.resident
                columns.append((binary.label, figures))
            }
            if options.neomutt {
                let mbox = options.work.appendingPathComponent("mbox-\(n)")
                let rc = options.work.appendingPathComponent("muttrc")
                try Mbox.write(ws, to: mbox)
                try Mbox.muttrc(at: rc, mbox: mbox)
                let subject = PtyRun.neomutt(mbox: mbox, muttrc: rc)
                let warm = try PtyRun.session(subject, repeats: 1, idleSeconds: 0)
                var figures = try PtyRun.session(subject, repeats: options.repeats, idleSeconds: options.idleSeconds)
                figures.keys[firstSearch] = warm.keys["/ search, 1st key typed"]
                figures.firstFrame = try PtyRun.firstFrame(subject, runs: options.runs, prepare: {})
                figures.firstFrameCold = figures.firstFrame
                columns.append(("neomutt", figures))
                try? FileManager.default.removeItem(at: mbox)
            }
            report(n, columns, storeBytes: size(of: pristine.appendingPathComponent("snapshot.json")))
            try? FileManager.default.removeItem(at: pristine)
            try? FileManager.default.removeItem(at: live)
        }
    }

    static let firstSearch = "/ search, 1st key of a session's first search"

    static func report(_ n: Int, _ columns: [(String, PtyFigures)], storeBytes: Int) {
        print("\n### \(n) items (snapshot \(storeBytes / 1_000_000) MB)\n")
        let hasMutt = columns.last?.0 == "neomutt"
        var header = "| figure | " + columns.map(\.0).joined(separator: " | ") + " |"
        if hasMutt { header += columns.dropLast().map { " \($0.0) ÷ neomutt |" }.joined() }
        print(header)
        print("| --- |" + String(repeating: " ---: |", count: columns.count + (hasMutt ? columns.count - 1 : 0)))
        func row(_ name: String, _ value: (PtyFigures) -> Double?, _ format: (Double) -> String) {
            let values = columns.map { value($0.1) }
            var line = "| \(name) | " + values.map { $0.map(format) ?? "—" }.joined(separator: " | ") + " |"
            if hasMutt {
                for v in values.dropLast() {
                    if let v, let m = values.last ?? nil, m > 0 { line += String(format: " %.1f× |", v / m) } else { line += " |" }
                }
            }
            print(line)
        }
        let ms = { (s: Double) in s < 0.01 ? String(format: "%.2f ms", s * 1000) : String(format: "%.0f ms", s * 1000) }
        row("spawn to first usable frame", { $0.firstFrame }, ms)
        row("spawn to first usable frame, cold cache", { $0.firstFrameCold }, ms)
        var names = PtyRun.earshot(label: "", binary: "", store: URL(fileURLWithPath: "/")).steps.map(\.name)
        names.insert("/ search, Enter", at: names.count - 2)
        names.insert(firstSearch, at: names.firstIndex(of: "/ search, 1st key typed") ?? 0)
        for name in names {
            row("\(name): time", { $0.keys[name]?.seconds }, ms)
            row("\(name): bytes", { $0.keys[name].map { Double($0.bytes) } }, { String(format: "%.0f", $0) })
        }
        row("idle CPU seconds", { $0.idleCPU }, { String(format: "%.2f s", $0) })
        row("idle bytes written", { $0.idleBytes.map(Double.init) }, { String(format: "%.0f", $0) })
        row("resident memory", { $0.resident.map(Double.init) }, { String(format: "%.0f MB", $0 / 1_000_000) })
    }

    /// Opens `store` once with `binary` (`audit` reads the store as the console does),
    /// which leaves `cache/snapshot.bin` behind for the next open.
    static func warmCache(_ binary: String, _ store: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["audit", "--store", store.path, "--since", "2100-01-01"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    static func size(of url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
    }

    static func currentLogin() -> String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "aisha"
    }
}
