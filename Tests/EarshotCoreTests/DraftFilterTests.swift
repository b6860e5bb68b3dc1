import EarshotCore
import Foundation
import TestSupport
import Testing

@Suite struct DraftFilterTests {
    func ids(_ text: String, _ ws: Workspace, me: String = "aisha") -> [String] {
        guard case .success(let f) = DraftFilter.parse(text) else { Issue.record("did not parse: \(text)"); return [] }
        return ws.drafts.values.filter { f.matches($0, in: ws, me: me, now: Fixture.now) }.map(\.id).sorted()
    }

    @Test func termsNarrowTheQueue() {
        var ws = Fixture.workspace()
        ws.config.approvalsNeeded = ["x": 2]
        ws.drafts["d-1"]?.approvals = ["morgan"]
        ws.drafts["d-3"]?.scheduledFor = Fixture.now.addingTimeInterval(Fixture.days(1))
        #expect(ids("state:submitted", ws) == ["d-1", "d-3"])
        #expect(ids("-state:submitted", ws) == ["d-2"])
        #expect(ids("mine", ws) == ["d-1"])
        #expect(ids("author:ben", ws) == ["d-2"])
        #expect(ids("needs:second-approval", ws) == ["d-1"])
        #expect(ids("scheduled:this-week", ws) == ["d-3"])
        #expect(ids("state:submitted,draft channel:x closed", ws) == ["d-2"])
    }

    @Test func mistakesNameTheTerm() {
        guard case .failure(let e) = DraftFilter.parse("state:submitted state:pending") else { Issue.record("parsed"); return }
        #expect(e.term == "state:pending")
        #expect(e.column == 16)
        guard case .failure(let k) = DraftFilter.parse("colour:red") else { Issue.record("parsed"); return }
        #expect(k.message.contains("no key 'colour'"))
    }
}
