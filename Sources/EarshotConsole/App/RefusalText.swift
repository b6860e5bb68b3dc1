import EarshotCore
import Foundation

/// Refusals come from the rules, which name targets by id. On screen, an inbox item
/// is named the way successes name it: by who wrote it and where.
enum RefusalText {
    static func naming(_ text: String, for request: Request, in ws: Workspace) -> String {
        let id = request.command.target
        guard let item = ws.items[id], text.contains(id) else { return text }
        let who = "the comment from \(item.author.displayName) on \(item.channel.displayName)"
        // Whole ids only: naming i-1 must not touch i-12.
        let pattern = "(?<![A-Za-z0-9-])" + NSRegularExpression.escapedPattern(for: id) + "(?![A-Za-z0-9])"
        return text.replacingOccurrences(of: pattern, with: NSRegularExpression.escapedTemplate(for: who), options: .regularExpression)
    }
}
