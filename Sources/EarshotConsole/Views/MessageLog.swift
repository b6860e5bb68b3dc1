import EarshotCore
import Terminal

/// `M`: every status message of the session, newest last, each wrapped whole,
/// for the ones the status line had to cut short.
enum MessageLog {
    static func lines(_ state: AppState, width: Int) -> [Line] {
        var lines: [Line] = [[Span("Messages", .overlayTitle), Span("  this session, newest last; Esc goes back", .dim)], []]
        if state.messageLog.isEmpty { lines.append([Span("No messages yet.", .dim)]) }
        for entry in state.messageLog {
            let role: Theme.Role = switch entry.kind {
            case .info: .row
            case .success: .stateGood
            case .refusal, .warning: .messageWarning
            }
            lines += wrapped("\(state.glyphs.dot) \(entry.text)", role, width: width)
        }
        return lines
    }
}

extension AppState {
    static let messageLogLimit = 200

    /// Called after every update: a message that changed is kept in the log.
    mutating func logMessage(replacing shown: StatusMessage?) {
        guard let message, message != shown else { return }
        messageLog.append(message)
        if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
    }

    mutating func handleMessageLog(_ key: Key, scroll: Int) -> [Effect] {
        switch keymap.action(for: key, in: focus.context) {
        case .back, .quit, .messageLog: mode = .normal
        case .down: mode = .messages(scroll: scroll + 1)
        case .up: mode = .messages(scroll: max(0, scroll - 1))
        case .top: mode = .messages(scroll: 0)
        case .bottom: mode = .messages(scroll: max(0, messageLog.count))
        default: break
        }
        return []
    }
}
