import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

// earshot-bench: times what a person waits for, on generated stores.
//   earshot-bench [N ...]                      time open-to-first-frame, a cursor move and a durable append
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

if args.first == "analytics" {
    MainActor.assumeIsolated { AnalyticsBench.run(items: args.dropFirst().compactMap(Int.init).first ?? 100_000) }
} else if args.first == "ingest" {
    MainActor.assumeIsolated { IngestBench.run(count: args.dropFirst().first.flatMap { Int($0) } ?? 10_000) }
    exit(0)
}

let sizes = args.compactMap(Int.init)
MainActor.assumeIsolated {
    Bench.run(sizes: sizes.isEmpty ? [10_000, 100_000] : sizes)
}
