@testable import EarshotConsole
import EarshotCore
import TestSupport
import Testing

/// The composer lists what stops a post before what only warns.
@Suite struct PostCheckOrderTests {
    @Test func blockingFindingsComeBeforeWarnings() {
        var ws = Fixture.workspace()
        ws.config.postPolicy = PostPolicy(bannedPhrases: [
            .init(phrase: "is back", severity: .warning, reason: "say what is new"),
            .init(phrase: "saturday", severity: .blocking, reason: "the date, please"),
        ])
        let s = state(as: "aisha", ws: ws)
        let lines = PostChecks.findings(for: "Story time is back on Saturday", channels: [.facebook], state: s)
        #expect(lines.count == 2)
        #expect(lines.first?.contains("blocks") == true)
        #expect(lines.last?.hasPrefix("warning") == true)
    }
}
