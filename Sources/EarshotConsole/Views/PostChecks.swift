import EarshotCore
import Foundation

/// The warnings an author and a reviewer both see for a post's text.
enum PostChecks {
    static func findings(for text: String, channels: [Channel], state: AppState) -> [String] {
        var lines: [String] = []
        for channel in channels {
            let over = PostLength.overflow(text, for: channel)
            if over > 0 { lines.append("\(state.glyphs.over) too long for \(channel.displayName) by \(over)") }
        }
        return lines
    }
}
