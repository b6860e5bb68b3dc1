import Foundation

/// One thing the policy says about a post, with where in the text it is.
public struct LintFinding: Hashable, Sendable {
    public var rule: String
    public var severity: Severity
    public var message: String
    /// Character (grapheme) offsets in the text; nil when about the whole post.
    public var range: Range<Int>?
    public var channel: Channel?

    public init(rule: String, severity: Severity, message: String, range: Range<Int>? = nil, channel: Channel? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.range = range
        self.channel = channel
    }
}

/// Checks a post against the council's policy. Authors and reviewers see the same findings.
public enum PolicyLint {
    public static func check(
        text: String, channels: [Channel], images: [PostImage], publishAt: Date?,
        policy: PostPolicy, calendar: Calendar
    ) -> [LintFinding] {
        var findings: [LintFinding] = []
        let folded = Array(text).map { fold(String($0)) }
        let textWords = PhraseWords.split(text)
        for rule in policy.bannedPhrases where !rule.phrase.isEmpty {
            let why = rule.reason.map { ": \($0)" } ?? ""
            let phraseWords = PhraseWords.split(rule.phrase).map(\.word)
            // Words match whatever stands between them (hyphens, runs of spaces, dots);
            // a phrase with no letters at all (symbols) is matched character by character.
            let ranges: [Range<Int>] = phraseWords.isEmpty
                ? occurrences(of: Array(rule.phrase).map { fold(String($0)) }, in: folded).map { $0..<($0 + rule.phrase.count) }
                : PhraseWords.occurrences(of: phraseWords, in: textWords)
            for range in ranges {
                findings.append(LintFinding(rule: "banned-phrase", severity: rule.severity,
                                            message: "“\(rule.phrase)” is a banned phrase\(why)", range: range))
            }
        }
        let words = Set(text.split(whereSeparator: { $0.isWhitespace }).map { fold(String($0)).trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "#"))) })
        for campaign in policy.campaigns {
            let when = publishAt ?? Date.distantPast
            if let from = campaign.from, publishAt == nil || when < from { continue }
            if let to = campaign.to, publishAt != nil, when > to { continue }
            let affected = channels.filter { campaign.channels?.contains($0) ?? true }
            guard !affected.isEmpty else { continue }
            for tag in campaign.hashtags {
                let wanted = fold(tag.hasPrefix("#") ? tag : "#" + tag)
                if !words.contains(wanted) {
                    findings.append(LintFinding(rule: "campaign-hashtag", severity: campaign.severity,
                                                message: "the \(campaign.name) campaign needs \(wanted) on \(affected.map(\.displayName).joined(separator: ", "))"))
                }
            }
        }
        if let rule = policy.maxLinks {
            let links = linkRanges(text)
            if links.count > rule.limit {
                for range in links.dropFirst(rule.limit) {
                    findings.append(LintFinding(rule: "max-links", severity: rule.severity,
                                                message: "\(links.count) links; the policy allows \(rule.limit)", range: range))
                }
            }
        }
        if let severity = policy.altTextRequired {
            for image in images where (image.altText ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                findings.append(LintFinding(rule: "alt-text", severity: severity, message: "image \(image.source) has no alt text"))
            }
        }
        if let quiet = policy.quietHours, let at = publishAt, inQuietHours(at, quiet, calendar: calendar) {
            findings.append(LintFinding(rule: "quiet-hours", severity: quiet.severity,
                                        message: "scheduled inside quiet hours (\(quiet.from)–\(quiet.to))"))
        }
        return findings.sorted { ($0.range?.lowerBound ?? Int.max, $0.rule) < ($1.range?.lowerBound ?? Int.max, $1.rule) }
    }

    public static func blocking(_ findings: [LintFinding]) -> [LintFinding] {
        findings.filter { $0.severity == .blocking }
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Starts of `needle` in `haystack` (both folded, per character), at word boundaries.
    private static func occurrences(of needle: [String], in haystack: [String]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        func isWord(_ s: String) -> Bool { s.first.map { $0.isLetter || $0.isNumber } ?? false }
        var found: [Int] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if Array(haystack[i..<(i + needle.count)]) == needle,
               i == 0 || !isWord(haystack[i - 1]) || !isWord(needle[0]),
               i + needle.count == haystack.count || !isWord(haystack[i + needle.count]) || !isWord(needle[needle.count - 1]) {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }

    private static func linkRanges(_ text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 0
        var word = ""
        var start = 0
        for c in text + " " {
            if c.isWhitespace {
                if word.hasPrefix("http://") || word.hasPrefix("https://") { ranges.append(start..<offset) }
                word = ""
                start = offset + 1
            } else {
                word.append(c)
            }
            offset += 1
        }
        return ranges
    }

    private static func minutes(_ hhmm: String) -> Int? {
        let p = hhmm.split(separator: ":").compactMap { Int($0) }
        return p.count == 2 ? p[0] * 60 + p[1] : nil
    }

    /// The first moment after `date` that is outside the quiet hours.
    public static func quietHoursEnd(after date: Date, _ quiet: PostPolicy.QuietHours, calendar: Calendar) -> Date? {
        guard let to = minutes(quiet.to) else { return nil }
        let day = calendar.startOfDay(for: date)
        for offset in 0...1 {
            guard let base = calendar.date(byAdding: .day, value: offset, to: day),
                  let end = calendar.date(bySettingHour: to / 60, minute: to % 60, second: 0, of: base) else { continue }
            if end > date { return end }
        }
        return nil
    }

    private static func inQuietHours(_ date: Date, _ quiet: PostPolicy.QuietHours, calendar: Calendar) -> Bool {
        guard let from = minutes(quiet.from), let to = minutes(quiet.to) else { return false }
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let now = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        return from <= to ? (now >= from && now < to) : (now >= from || now < to)
    }
}
