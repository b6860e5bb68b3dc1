import EarshotCore
import Foundation
import Terminal

/// The one-line prompt: editing, Tab completion, Enter and Esc.
extension AppState {
    mutating func handlePrompt(_ key: Key, _ prompt: inout Prompt) -> [Effect] {
        var chars = Array(prompt.text)
        switch key {
        case .escape where prompt.purpose == .postTime || prompt.purpose == .refused,
             .escape where { if case .reschedule = prompt.purpose { true } else { false } }():
            return submitDraftPrompt(&prompt, text: nil)
        case .escape:
            mode = .normal
            if case .search(let origin) = prompt.purpose {
                inbox.index = origin
                clampCursors()
                return []
            }
            message = StatusMessage("cancelled; nothing was sent", .info)
            return []
        case .enter:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            switch prompt.purpose {
            case .search:
                mode = .normal
                search = text
                return []
            case .filter:
                return submitFilter(&prompt, text: text)
            case .postTime, .draftFilter, .refused, .reschedule:
                return submitDraftPrompt(&prompt, text: text)
            default:
                break
            }
            guard !text.isEmpty else {
                message = StatusMessage("type a few words first, or Esc to cancel", .info)
                return []
            }
            mode = .normal
            switch prompt.purpose {
            case .requestChanges, .reject: return submitReviewPrompt(prompt.purpose, text: text)
            case .assign, .tag, .note: return submitItemPrompt(prompt.purpose, text: text)
            case .filter, .search, .postTime, .draftFilter, .refused, .reschedule: return []
            case .approveAt: return submitApproveAt(&prompt, text: text)
            case .channels: return submitChannels(text)
            case .image: return submitImage(text)
            }
        case .tab:
            complete(&prompt)
            mode = .prompt(prompt)
            return []
        case _ where prompt.purpose == .refused:
            return []  // keys typed before the refusal was read do nothing
        case _ where prompt.completion != nil:
            // Any other key ends the cycling; handle it as usual.
            prompt.completion = nil
            return handlePrompt(key, &prompt)
        case .char(let c):
            chars.insert(c, at: prompt.cursor)
            prompt.cursor += 1
        case .paste(let text):
            // One line only: a pasted newline becomes a space.
            let clean = Array(text.replacingOccurrences(of: "\n", with: " "))
            chars.insert(contentsOf: clean, at: prompt.cursor)
            prompt.cursor += clean.count
        case .backspace:
            if prompt.cursor > 0 {
                chars.remove(at: prompt.cursor - 1)
                prompt.cursor -= 1
            }
        case .delete:
            if prompt.cursor < chars.count { chars.remove(at: prompt.cursor) }
        case .left: prompt.cursor = max(0, prompt.cursor - 1)
        case .right: prompt.cursor = min(chars.count, prompt.cursor + 1)
        case .home, .ctrl("a"): prompt.cursor = 0
        case .end, .ctrl("e"): prompt.cursor = chars.count
        case .ctrl("u"):
            chars.removeSubrange(0..<prompt.cursor)
            prompt.cursor = 0
        default:
            return []
        }
        // Never longer than the rules accept.
        prompt.text = String(chars.prefix(2000))
        prompt.cursor = min(prompt.cursor, prompt.text.count)
        mode = .prompt(prompt)
        if case .search(let origin) = prompt.purpose {
            // Incremental: the cursor follows the first match as the query grows.
            search = prompt.text
            if !jumpToMatch(forward: true, from: origin, quiet: true) { inbox.index = origin; clampCursors() }
        }
        return []
    }

    /// Completes the word before the cursor from the prompt's candidates; a second
    /// Tab moves on to the next candidate with the same start.
    private mutating func complete(_ prompt: inout Prompt) {
        guard !prompt.candidates.isEmpty else { return }
        let chars = Array(prompt.text)
        var start = prompt.cursor
        while start > 0, chars[start - 1] != " " { start -= 1 }
        var word = String(chars[start..<prompt.cursor])
        var sign = ""
        if let first = word.first, first == "+" || first == "-" {
            sign = String(first)
            word.removeFirst()
        }
        // Tab again, on the completion it just made: the next match for what was typed.
        let matches: [String]
        let index: Int
        if let c = prompt.completion, c.matches.indices.contains(c.index), c.matches[c.index] == word {
            (matches, index) = (c.matches, (c.index + 1) % c.matches.count)
        } else {
            matches = prompt.candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
            index = 0
        }
        guard !matches.isEmpty else {
            message = StatusMessage("no match for '\(word)'", .info)
            return
        }
        prompt.completion = Prompt.Completion(matches: matches, index: index)
        let next = matches[index]
        let replaced = Array(sign + next)
        var newChars = chars
        newChars.replaceSubrange(start..<prompt.cursor, with: replaced)
        prompt.text = String(newChars)
        prompt.cursor = start + replaced.count
        if matches.count > 1 {
            // All of them, the one chosen in brackets; Tab moves on.
            let shown = matches.enumerated().map { $0.offset == index ? "[\($0.element)]" : $0.element }
            message = StatusMessage("\(index + 1) of \(matches.count): " + shown.joined(separator: " ") + "  (Tab for the next)", .info)
        }
    }
}
