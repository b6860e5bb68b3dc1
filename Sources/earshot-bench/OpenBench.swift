import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot-bench open DIR [RUNS]`: where opening an existing store goes, in process:
/// the store (with its snapshot cache as it is), then the console's state, then the
/// first frame, each the median of RUNS. The first run says whether the cache was cold.
@MainActor
enum OpenBench {
    static func run(root: URL, runs: Int) throws {
        var load: [Double] = [], state: [Double] = [], frame: [Double] = []
        for _ in 0..<runs {
            var start = DispatchTime.now()
            let store = try Store(at: root)
            load.append(Bench.seconds(since: start))
            start = DispatchTime.now()
            let size = Size(width: 80, height: 24)
            let me = store.workspace.staff.first { $0.role == .staff } ?? store.workspace.staff[0]
            let state0 = AppState(workspace: store.workspace, me: me, now: Date(), size: size)
            state.append(Bench.seconds(since: start))
            start = DispatchTime.now()
            let runtime = ConsoleRuntime(state: state0, backend: InMemoryBackend(size: size), store: store, clock: { Date() })
            runtime.draw()
            frame.append(Bench.seconds(since: start))
        }
        func median(_ xs: [Double]) -> String { Bench.ms(xs.sorted()[xs.count / 2]) }
        print("first run: store \(Bench.ms(load[0])), state \(Bench.ms(state[0])), frame \(Bench.ms(frame[0]))")
        print("median of \(runs): store \(median(load)), state \(median(state)), frame \(median(frame))")
    }
}
