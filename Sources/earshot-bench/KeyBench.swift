import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot-bench keys N ...`: each key a person presses, through the real loop
/// (update, the file store with its lock and fsync, render, diff) at several
/// sizes, so a cost that grows with the store shows as a growing column.
/// The pty benchmark times the same keys from outside; this one says where.
@MainActor
enum KeyBench {
    struct Step {
        var name: String
        var setup: [Key] = []
        var keys: [Key]
        var after: [Key] = []
    }

    static func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

    static let steps: [Step] = [
        Step(name: "j cursor move", keys: [.char("j")]),
        Step(name: "d mark handled", keys: [.char("d")], after: [.char("u")]),
        Step(name: "u undo", setup: [.char("d")], keys: [.char("u")]),
        Step(name: "s hide as spam", keys: [.char("s")], after: [.char("u")]),
        Step(name: "/ 4th key typed", setup: [.char("/")] + chars("zqx"), keys: [.char("v")], after: [.escape]),
        Step(name: "F filter, Enter", setup: [.char("F")] + chars("channel:x status:new"), keys: [.enter], after: [.char("0")]),
        Step(name: "0 show all", setup: [.char("F")] + chars("channel:x status:new") + [.enter], keys: [.char("0")]),
        // 1,000 rows picked one by one, then one key for all of them, and its undo.
        Step(name: "d on 1,000 selected", setup: Array(repeating: [Key.char(" "), .char("j")], count: 1000).flatMap { $0 } + [.home],
             keys: [.char("d")], after: [.char("u"), .char("-")]),
        Step(name: "u undo of 1,000", setup: Array(repeating: [Key.char(" "), .char("j")], count: 1000).flatMap { $0 } + [.home, .char("d")],
             keys: [.char("u")], after: [.char("-")]),
    ]

    static func run(sizes: [Int], repeats: Int, only: String? = nil) {
        print("in-process keys: the real loop on the file store, median of \(repeats), 80x24, ms per key")
        print(Bench.pad("key", 22) + sizes.map { Bench.pad("\($0)", 12) }.joined())
        var columns: [[String: Double]] = []
        for n in sizes {
            do {
                try Generator.withStore(n, name: "keys") { root in
                    let store = try Store(at: root)
                    let size = Size(width: 80, height: 24)
                    let backend = InMemoryBackend(size: size)
                    let state = AppState(workspace: store.workspace, me: store.workspace.member("aisha")!, now: Generator.now, size: size)
                    let runtime = ConsoleRuntime(state: state, backend: backend, store: store, clock: { Generator.now })
                    runtime.draw()
                    var column: [String: Double] = [:]
                    for step in steps where only.map({ step.name.hasPrefix($0) }) ?? true {
                        var samples: [Double] = []
                        for _ in 0..<repeats {
                            // The setup is not drawn key by key: only its end is, before the timed key.
                            for key in step.setup { runtime.send(.key(key)) }
                            runtime.draw()
                            let start = DispatchTime.now()
                            press(step.keys, runtime)
                            samples.append(Bench.seconds(since: start))
                            press(step.after, runtime)
                        }
                        column[step.name] = samples.sorted()[samples.count / 2]
                    }
                    columns.append(column)
                }
            } catch {
                print("\(n): failed: \(error)")
                columns.append([:])
            }
        }
        for step in steps where only.map({ step.name.hasPrefix($0) }) ?? true {
            print(Bench.pad(step.name, 22) + columns.map { Bench.pad($0[step.name].map { String(format: "%.2f", $0 * 1000) } ?? "-", 12) }.joined())
        }
    }

    static func press(_ keys: [Key], _ runtime: ConsoleRuntime) {
        for key in keys {
            runtime.send(.key(key))
            runtime.draw()
        }
    }
}
