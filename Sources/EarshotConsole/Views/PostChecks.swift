import EarshotCore
import Foundation

/// The warnings an author and a reviewer both see for a post: overflow per
/// channel, and the posting policy's findings with where they are in the text.
enum PostChecks {
    /// Findings shown at once under a post when they do not all fit in `rows`.
    static let page = 2
    static let rows = 3

    /// The rows to draw: every finding when they fit, else a page of them from
    /// `start` and a line saying which these are and how to see the rest.
    static func window(_ findings: [String], start: Int) -> (lines: [String], more: String?) {
        guard findings.count > rows else { return (findings, nil) }
        let from = min(max(0, start), findings.count - 1)
        let to = min(findings.count, from + page)
        return (Array(findings[from..<to]), "findings \(from + 1)–\(to) of \(findings.count) · f in the menu shows the next")
    }

    static func findings(for text: String, channels: [Channel], images: [PostImage] = [], publishAt: Date? = nil, state: AppState) -> [String] {
        var lines: [String] = []
        let g = state.glyphs
        for channel in channels {
            let over = PostLength.overflow(text, for: channel)
            if over > 0 { lines.append("\(g.over) too long for \(channel.displayName) by \(over)") }
        }
        let config = state.workspace.config
        let all = PolicyLint.check(text: text, channels: channels, images: images, publishAt: publishAt,
                                   policy: config.postPolicy ?? .none, calendar: config.calendar)
        // What stops the post first; warnings after.
        for finding in all.filter({ $0.severity == .blocking }) + all.filter({ $0.severity != .blocking }) {
            let mark = finding.severity == .blocking ? "\(g.over) blocks:" : "warning:"
            let at = finding.range.map { " (characters \($0.lowerBound + 1)–\($0.upperBound))" } ?? ""
            lines.append("\(mark) \(finding.message)\(at)")
        }
        return lines
    }
}
