import EarshotCore
import Foundation
import Terminal

/// Always visible: how well the service is listening, in two lines.
enum AnalyticsStrip {
    static func lines(_ state: AppState) -> [Line] {
        let s = state.summary
        let g = state.glyphs
        let now = state.now
        let oldest = s.oldestUnhandled.map { " (oldest \(Age.short(from: $0, to: now)))" } ?? ""
        let waiting = s.oldestAwaiting.map { " (oldest \(Age.short(from: $0, to: now)))" } ?? ""
        let first: Line = [
            Span("Unhandled ", .analytics), Span("\(s.unhandled)", .statusNew), Span(oldest, .analytics),
            Span(" \(g.separator) ", .dim),
            Span("Awaiting approval ", .analytics), Span("\(s.awaitingApproval)", .stateWaiting), Span(waiting, .analytics),
            Span(" \(g.separator) ", .dim),
            Span("Handled today ", .analytics), Span("\(s.handledToday)", .stateGood),
        ]
        let second: Line = [
            Span("Replies ", .analytics), Span("\(s.repliesThisWeek)", .stateGood),
            Span(" vs posts ", .analytics), Span("\(s.postsThisWeek)", .analytics), Span(" this week", .analytics),
            Span(" \(g.separator) ", .dim),
            Span("Inbound 14d ", .analytics), Span(g.sparkline(s.inboundPerDay), .sparkline),
            Span(" \(s.inboundPerDay.last ?? 0) today, peak \(s.inboundPerDay.max() ?? 0)", .analytics),
        ]
        return [first, second]
    }
}
