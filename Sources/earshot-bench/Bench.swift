import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// The three timings the README reports.
@MainActor
enum Bench {
    static func run(sizes: [Int]) {
        print("earshot-bench: median of repeated runs, release build recommended (swift run -c release earshot-bench)")
        print("items      load store   state        open→first frame   cursor move   durable triage append")
        for n in sizes {
            do {
                try Generator.withStore(n, name: "bench") { root in
                    let load = try median(5) { try loadOnly(root) }
                    let loaded = try Store(at: root)
                    let state = try median(5) { stateOnly(loaded) }
                    let open = try median(5) { try firstFrame(root) }
                    let (store, runtime, backend) = try session(root)
                    let move = try median(3) { try perKey(runtime, backend, count: 200) }
                    let append = try median(3) { try perAppend(store, count: 50) }
                    print(pad("\(n)", 11) + pad(ms(load), 13) + pad(ms(state), 13) + pad(ms(open), 19) + pad(ms(move), 14) + ms(append))
                }
            } catch {
                print("\(n): failed: \(error)")
            }
        }
    }

    /// The console's state built from a store already read: what opening adds to loading.
    static func stateOnly(_ store: Store) -> Double {
        let start = DispatchTime.now()
        _ = AppState(workspace: store.workspace, me: store.workspace.member("aisha")!, now: Generator.now, size: Size(width: 120, height: 40))
        return seconds(since: start)
    }

    /// Read and decode the store files alone.
    static func loadOnly(_ root: URL) throws -> Double {
        let start = DispatchTime.now()
        _ = try Store(at: root)
        return seconds(since: start)
    }

    /// Open the store, build the state and draw the first frame.
    static func firstFrame(_ root: URL) throws -> Double {
        let start = DispatchTime.now()
        let (_, runtime, _) = try session(root)
        runtime.draw()
        return seconds(since: start)
    }

    static func session(_ root: URL) throws -> (Store, ConsoleRuntime, InMemoryBackend) {
        let store = try Store(at: root)
        let size = Size(width: 120, height: 40)
        let backend = InMemoryBackend(size: size)
        let me = store.workspace.member("aisha")!
        let state = AppState(workspace: store.workspace, me: me, now: Generator.now, size: size)
        return (store, ConsoleRuntime(state: state, backend: backend, store: store, clock: { Generator.now }), backend)
    }

    /// One key press: update, render, diff-paint.
    static func perKey(_ runtime: ConsoleRuntime, _ backend: InMemoryBackend, count: Int) throws -> Double {
        runtime.draw()
        let start = DispatchTime.now()
        for i in 0..<count {
            runtime.send(.key(.char(i % 40 < 20 ? "j" : "k")))
            runtime.draw()
        }
        return seconds(since: start) / Double(count)
    }

    /// One triage command: rules, append, fsync, read back.
    static func perAppend(_ store: Store, count: Int) throws -> Double {
        let ids = store.workspace.items.values.filter { $0.status == .new }.prefix(count).map(\.id)
        let start = DispatchTime.now()
        for id in ids {
            let item = store.workspace.items[id]!
            _ = try store.apply(Request(.tag(item: id, add: ["bench\(item.version)"], remove: []), by: "aisha", basedOn: item.version), at: Generator.now)
        }
        return seconds(since: start) / Double(max(1, ids.count))
    }

    static func median(_ runs: Int, _ body: () throws -> Double) throws -> Double {
        let times = try (0..<runs).map { _ in try body() }.sorted()
        return times[times.count / 2]
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
    static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
}

/// Appends `count` new items as fast as it can, as one of several competing writers.
enum Hammer {
    static func run(store root: URL, prefix: String, count: Int) throws {
        let store = try Store(at: root)
        let actor = store.workspace.staff.first?.login ?? "aisha"
        for i in 0..<count {
            let item = InboxItem(
                id: "\(prefix)-\(i)", channel: .x, platformID: "\(prefix)-\(i)",
                author: Author(handle: "@h", displayName: "Hammer"), text: "message \(i)", receivedAt: Date())
            if case .failure(let refusal) = try store.apply(Request(.receive(item), by: actor), at: Date()) {
                throw refusal
            }
        }
    }
}
