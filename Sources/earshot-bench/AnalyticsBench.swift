import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot-bench analytics [N]`: N arrivals spread over a year of history, with
/// replies, broadcasts and approvals, kept in the snapshot's ledger as a store
/// would after a year of compactions.
@MainActor
enum AnalyticsBench {
    static func run(items n: Int) {
        print("earshot-bench analytics: \(n) items over 365 days; median of repeated runs")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-bench-analytics-\(n)-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            var ws = Generator.workspace(items: 0)
            let history = events(n, config: ws.config)
            let build = DispatchTime.now()
            ws.ledger = Ledger.build(events: history, items: [], drafts: [])
            let folded = Bench.seconds(since: build)
            try StoreSetup.create(at: root, from: ws)
            let size = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("snapshot.json").path)[.size] as? Int ?? 0
            let me = ws.member("priya")!
            let state = AppState(workspace: ws, me: me, now: Generator.now, size: Size(width: 120, height: 40))
            let open = try Bench.median(5) {
                var s = state
                let start = DispatchTime.now()
                _ = s.update(.key(.char("L")))
                _ = Screen.render(s)
                return Bench.seconds(since: start)
            }
            let step = try Bench.median(5) {
                var s = state
                _ = s.update(.key(.char("L")))
                let start = DispatchTime.now()
                _ = s.update(.key(.char("s")))
                _ = Screen.render(s)
                return Bench.seconds(since: start)
            }
            let report = try Bench.median(3) {
                let start = DispatchTime.now()
                let store = try Store(at: root)
                let w = store.workspace
                let year = DateInterval(start: Generator.now.addingTimeInterval(-365 * 86_400), end: Generator.now)
                let figures = Figures.compute(w.ledger, config: w.config, period: year, scope: .service, now: Generator.now)
                _ = Report(figures: figures, config: w.config, staff: w.staff, generatedAt: Generator.now).render(.html)
                return Bench.seconds(since: start)
            }
            print("fold \(history.count) events into a ledger  \(Bench.ms(folded))  (snapshot \(size / 1_000_000) MB)")
            print("open the view (L: figures + frame)      \(Bench.ms(open))")
            print("change scope (s: figures + frame)       \(Bench.ms(step))")
            print("report: open store, a year, HTML        \(Bench.ms(report))")
        } catch {
            print("analytics bench failed: \(error)")
        }
    }

    /// A year of arrivals, each replied to, closed or escalated; a broadcast
    /// with its submission and approval for every 20 arrivals.
    static func events(_ n: Int, config: StoreConfig) -> [Event] {
        var rng = SplitMix(seed: 7)
        var events: [(Date, Change, String)] = []
        let start = Generator.now.addingTimeInterval(-365 * 86_400)
        for i in 0..<n {
            let at = start.addingTimeInterval(Double(i) / Double(n) * 365 * 86_400)
            let id = "a-\(i)"
            let item = InboxItem(id: id, channel: Channel.allCases[Int(rng.next() % 6)], platformID: id,
                                 author: Author(handle: "@user\(rng.next() % 5000)", displayName: "User"), text: "",
                                 receivedAt: at, branch: config.branches[Int(rng.next() % 4)].id,
                                 tags: ["tag\(rng.next() % 40)"])
            events.append((at, .received(item: item), "importer"))
            let later = at.addingTimeInterval(Double(600 + rng.next() % 30_000))
            switch rng.next() % 10 {
            case 0..<5:
                let draft = Draft(id: "r-\(i)", author: "aisha", branch: item.branch, channels: [item.channel],
                                  revisions: [Revision(number: 1, text: "", author: "aisha", at: later)], state: .approved,
                                  createdAt: later, inReplyTo: id)
                events.append((later, .replyDrafted(draft: draft, direct: true), "aisha"))
                events.append((later.addingTimeInterval(300), .published(draft: draft.id, files: []), "publisher"))
            case 5:
                events.append((later, .triaged(item: id, from: .new, to: .escalated), "aisha"))
                events.append((later.addingTimeInterval(7_200), .triaged(item: id, from: .escalated, to: .handled), "priya"))
            default:
                events.append((later, .triaged(item: id, from: .new, to: .handled), "aisha"))
            }
            if i % 20 == 0 {
                let draft = Draft(id: "b-\(i)", author: "aisha", branch: item.branch, channels: [.facebook, .x],
                                  revisions: [Revision(number: 1, text: "", author: "aisha", at: at)], createdAt: at)
                events.append((at, .draftCreated(draft: draft), "aisha"))
                events.append((at.addingTimeInterval(60), .submitted(draft: draft.id, revision: 1), "aisha"))
                events.append((later, .approved(draft: draft.id, revision: 1), "priya"))
                events.append((later.addingTimeInterval(600), .published(draft: draft.id, files: []), "publisher"))
            }
        }
        events.sort { $0.0 < $1.0 }
        return events.enumerated().map { Event(seq: $0.offset + 1, at: $0.element.0, actor: $0.element.2, change: $0.element.1) }
    }
}
