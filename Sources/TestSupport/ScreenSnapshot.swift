import Foundation
import Terminal
import Testing

/// Compares a rendered screen with a text file beside the test, like ratatui's
/// TestBackend: the expected screen is readable, and a failure shows the rows that
/// differ. The file holds the text, then a grid of one letter per cell naming its
/// style, then what each letter means, so selection, focus and a monochrome theme's
/// attributes are checked too. Set EARSHOT_RECORD=1 to write new baselines (the test
/// still fails once, so a recording is never mistaken for a pass).
public func assertScreen(
    _ frame: Frame, named name: String,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent("\(name).txt")
    let actual = snapshotText(frame)
    let record = ProcessInfo.processInfo.environment["EARSHOT_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name).txt; check it and run again", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record("Screen differs from \(name).txt:\n\(screenDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
    }
}

/// The screen as a snapshot file: text rows, a style grid, and the grid's legend.
public func snapshotText(_ frame: Frame) -> String {
    var letters: [Style: Character] = [:]
    var legend: [String] = []
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var grid: [String] = []
    for y in 0..<frame.size.height {
        var row = ""
        for x in 0..<frame.size.width {
            let style = frame[x, y].style
            if letters[style] == nil {
                let letter = letters.count < alphabet.count ? alphabet[letters.count] : "?"
                letters[style] = letter
                legend.append("\(letter) \(describe(style))")
            }
            row.append(letters[style]!)
        }
        grid.append(row)
    }
    return frame.lines().joined(separator: "\n") + "\n-- styles\n" + grid.joined(separator: "\n")
        + "\n-- legend\n" + legend.joined(separator: "\n") + "\n"
}

/// "fg 15 bg 24 bold reverse", "plain".
func describe(_ style: Style) -> String {
    var parts: [String] = []
    if case .indexed(let c) = style.fg { parts.append("fg \(c)") }
    if case .indexed(let c) = style.bg { parts.append("bg \(c)") }
    let names: [(Attributes, String)] = [(.bold, "bold"), (.underline, "underline"), (.reverse, "reverse"), (.dim, "dim")]
    for (attr, name) in names where style.attrs.contains(attr) { parts.append(name) }
    return parts.isEmpty ? "plain" : parts.joined(separator: " ")
}

/// Row-by-row difference of two screens, with row numbers.
public func screenDiff(expected: String, actual: String) -> String {
    let e = expected.components(separatedBy: "\n")
    let a = actual.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? e[i] : "<none>"
        let r = i < a.count ? a[i] : "<none>"
        if l != r {
            out.append("row \(i) expected: |\(l)|")
            out.append("row \(i) actual:   |\(r)|")
        }
    }
    return out.joined(separator: "\n")
}
