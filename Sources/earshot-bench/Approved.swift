import EarshotCore
import EarshotStore
import Foundation

/// `earshot-bench approved STORE COUNT CHANNEL,...`: COUNT posts written and approved
/// through the real rules (by comms officers, four-eyes kept), for the delivery kill
/// test; `earshot publish` then releases them. On a demo copy it acts at the demo's time.
enum Approved {
    static func run(store root: URL, count: Int, channels: [Channel], image: String? = nil) throws {
        let store = try Store(at: root)
        let now = DemoCopy.recognise(root).map { $0.time(at: Date()) } ?? Date()
        let comms = store.workspace.staff.filter { $0.role == .comms }.map(\.login)
        guard comms.count >= 2 else { throw Refusal("bench", "needs two comms officers in staff.json") }
        let stamp = Int(Date().timeIntervalSince1970)
        for i in 0..<count {
            let id = "d-kill-\(stamp)-\(i)"
            let text = "Delivery test post \(i) (\(stamp)): the library is open until eight tonight."
            try check(store.apply(Request(.createDraft(id: id, channels: channels, text: text, inReplyTo: nil), by: comms[0]), at: now))
            if let image {
                try check(store.apply(Request(.attach(draft: id, images: [PostImage(source: image, altText: "Test image \(i)")]), by: comms[0]), at: now))
            }
            try check(store.apply(Request(.submit(draft: id), by: comms[0]), at: now))
            for officer in comms.dropFirst() where store.workspace.drafts[id]?.state == .submitted {
                try check(store.apply(Request(.approve(draft: id, revision: 1), by: officer), at: now))
            }
        }
    }

    static func check(_ result: Result<Event, Refusal>) throws {
        if case .failure(let refusal) = result { throw refusal }
    }
}
