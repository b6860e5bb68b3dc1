import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

// earshot-bench: times what a person waits for, on generated stores.
//   earshot-bench [N ...]                      in-process: open-to-first-frame, a cursor move, a durable append
//   earshot-bench keys [N ...] [--only K] [--repeats N]  each key through the real loop and file store, per size
//   earshot-bench generate DIR N               write the pty benchmark's N-item store at DIR
//   earshot-bench open DIR [RUNS]              open that store in process: store, state, first frame
//   earshot-bench crowd BINARY CONSOLES ITEMS SECONDS   that many idle consoles on one store: CPU, memory
//   earshot-bench pty [options] [N ...]        the real earshot binary (and neomutt) in a pty:
//       --earshot LABEL=PATH (repeatable; default: the earshot beside this binary)
//       --seed DIR (default seeds/demo)  --runs N  --repeats N  --idle SECONDS  --no-neomutt
//   earshot-bench analytics [N]                 the analytics view and a report on N items over a year
//   earshot-bench hammer STORE PREFIX COUNT    append COUNT commands as fast as possible (used by the
//                                              concurrency test: two of these at once lose nothing)
//   earshot-bench ingest [N]                   items/second for receive and each fetcher (local servers)
//   earshot-bench approved STORE COUNT CHANNELS [IMAGE]  COUNT approved posts (the delivery kill test's input)

let args = Array(CommandLine.arguments.dropFirst())
if args.first == "hammer" {
    guard args.count == 4, let count = Int(args[3]) else {
        FileHandle.standardError.write(Data("usage: earshot-bench hammer STORE PREFIX COUNT\n".utf8))
        exit(2)
    }
    do {
        try Hammer.run(store: URL(fileURLWithPath: args[1]), prefix: args[2], count: count)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "generate" {
    // earshot-bench generate DIR N: writes the pty benchmark's store, to open by hand or profile.
    guard args.count == 3, let n = Int(args[2]) else {
        FileHandle.standardError.write(Data("usage: earshot-bench generate DIR N\n".utf8))
        exit(2)
    }
    do {
        let config = try Generator.demoConfig(seed: URL(fileURLWithPath: "seeds/demo"))
        try StoreSetup.create(at: URL(fileURLWithPath: args[1]), from: Generator.workspace(items: n, config: config, login: PtyBench.currentLogin()))
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "approved" {
    let channels = args.count >= 4 ? args[3].split(separator: ",").compactMap { Channel(rawValue: String($0)) } : []
    guard args.count == 4 || args.count == 5, let count = Int(args[2]), !channels.isEmpty else {
        FileHandle.standardError.write(Data("usage: earshot-bench approved STORE COUNT CHANNEL,... [IMAGE]\n".utf8))
        exit(2)
    }
    do {
        try Approved.run(store: URL(fileURLWithPath: args[1]), count: count, channels: channels, image: args.count == 5 ? args[4] : nil)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "crowd" {
    // earshot-bench crowd BINARY CONSOLES ITEMS SECONDS: idle consoles on one store.
    guard args.count == 5, let consoles = Int(args[2]), let items = Int(args[3]), let seconds = Double(args[4]) else {
        FileHandle.standardError.write(Data("usage: earshot-bench crowd BINARY CONSOLES ITEMS SECONDS\n".utf8))
        exit(2)
    }
    do {
        try Crowd.run(binary: args[1], consoles: consoles, items: items, seconds: seconds, seed: URL(fileURLWithPath: "seeds/demo"))
    } catch {
        FileHandle.standardError.write(Data("earshot-bench crowd: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "open" {
    // earshot-bench open DIR [RUNS]: opening an existing store, in process, phase by phase.
    guard args.count >= 2 else {
        FileHandle.standardError.write(Data("usage: earshot-bench open DIR [RUNS]\n".utf8))
        exit(2)
    }
    do {
        try MainActor.assumeIsolated { try OpenBench.run(root: URL(fileURLWithPath: args[1]), runs: args.count > 2 ? Int(args[2]) ?? 5 : 5) }
    } catch {
        FileHandle.standardError.write(Data("earshot-bench open: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "analytics" {
    MainActor.assumeIsolated { AnalyticsBench.run(items: args.dropFirst().compactMap(Int.init).first ?? 100_000) }
} else if args.first == "keys" {
    // earshot-bench keys [N ...] [--only NAME-PREFIX] [--repeats N]
    let rest = Array(args.dropFirst())
    let only = rest.firstIndex(of: "--only").flatMap { rest.indices.contains($0 + 1) ? rest[$0 + 1] : nil }
    let repeats = rest.firstIndex(of: "--repeats").flatMap { rest.indices.contains($0 + 1) ? Int(rest[$0 + 1]) : nil } ?? 5
    let sizes = rest.enumerated().compactMap { i, a in i > 0 && rest[i - 1].hasPrefix("--") ? nil : Int(a) }
    MainActor.assumeIsolated { KeyBench.run(sizes: sizes.isEmpty ? [10_000, 100_000] : sizes, repeats: repeats, only: only) }
    exit(0)
} else if args.first == "ingest" {
    MainActor.assumeIsolated { IngestBench.run(count: args.dropFirst().first.flatMap { Int($0) } ?? 10_000) }
} else if args.first == "pty" {
    var options = PtyBench.Options()
    var sizes: [Int] = []
    var rest = args.dropFirst()
    while let arg = rest.popFirst() {
        switch arg {
        case "--earshot":
            let value = rest.popFirst() ?? ""
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            options.binaries.append(parts.count == 2 ? (parts[0], parts[1]) : ("earshot", value))
        case "--seed": options.seed = URL(fileURLWithPath: rest.popFirst() ?? "")
        case "--runs": options.runs = Int(rest.popFirst() ?? "") ?? options.runs
        case "--repeats": options.repeats = Int(rest.popFirst() ?? "") ?? options.repeats
        case "--idle": options.idleSeconds = Double(rest.popFirst() ?? "") ?? options.idleSeconds
        case "--no-neomutt": options.neomutt = false
        default:
            guard let n = Int(arg) else {
                FileHandle.standardError.write(Data("earshot-bench pty: unknown argument \(arg)\n".utf8))
                exit(2)
            }
            sizes.append(n)
        }
    }
    if !sizes.isEmpty { options.sizes = sizes }
    if options.binaries.isEmpty {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("earshot")
        options.binaries = [("earshot", beside.path)]
    }
    do {
        try PtyBench.run(options)
    } catch {
        FileHandle.standardError.write(Data("earshot-bench pty: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

let sizes = args.compactMap(Int.init)
MainActor.assumeIsolated {
    Bench.run(sizes: sizes.isEmpty ? [10_000, 100_000] : sizes)
}
