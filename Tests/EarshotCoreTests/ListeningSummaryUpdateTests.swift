import EarshotCore
import Foundation
import Testing

/// The summary kept up to date from events equals the summary counted from scratch.
@Suite struct ListeningSummaryUpdateTests {
    let now = Date(timeIntervalSince1970: 1_795_793_400)

    func workspace() -> Workspace {
        let config = StoreConfig(organisation: "T", branches: [Branch(id: "central", name: "Central")],
                                 channels: [ChannelAccount(channel: .x, account: "@t")], timeZone: "Europe/London")
        var items: ItemTable = [:]
        let statuses: [ItemStatus] = [.new, .needsReply, .handled, .escalated, .hidden, .replied]
        for i in 0..<30 {
            items["i\(i)"] = InboxItem(
                id: "i\(i)", channel: .x, platformID: "p\(i)", author: Author(handle: "@a", displayName: "A"),
                text: "t\(i)", receivedAt: now.addingTimeInterval(-Double(i) * 3_600), status: statuses[i % statuses.count], version: 1)
        }
        return Workspace(config: config, staff: [StaffMember(login: "aisha", name: "Aisha", role: .staff)], seq: 1, items: items)
    }

    @Test func followsTriageUndoArrivalsAndTheOldestClosing() {
        var ws = workspace()
        var summary = ListeningSummary(ws, now: now)
        var seq = 1
        let statuses: [ItemStatus] = [.handled, .new, .hidden, .needsReply, .replied, .escalated]
        var rng = 7
        for step in 0..<200 {
            rng = (rng &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
            let id = "i\(rng % 34)"  // a few ids that arrive later
            seq += 1
            let change: Change
            if ws.items[id] == nil {
                change = .received(item: InboxItem(
                    id: id, channel: .x, platformID: id, author: Author(handle: "@b", displayName: "B"),
                    text: "late", receivedAt: now.addingTimeInterval(-Double(rng % 500) * 3_600)))
            } else if step % 5 == 0 {
                change = .reverted(item: id, from: ws.items[id]!.status, to: statuses[rng % statuses.count], undoing: seq - 1)
            } else {
                change = .triaged(item: id, from: ws.items[id]!.status, to: statuses[rng % statuses.count])
            }
            let old = ws
            let event = Event(seq: seq, at: now, actor: "aisha", change: change)
            ws.apply(event)
            summary.update(from: old, to: ws, events: [event], now: now)
            #expect(summary == ListeningSummary(ws, now: now), "after step \(step): \(change)")
        }
    }
}
