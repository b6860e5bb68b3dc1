import Foundation
import Terminal
import Testing

/// Compares a rendered screen with a text file beside the test, like ratatui's
/// TestBackend: the expected screen is readable, and a failure shows the rows that
/// differ. Set EARSHOT_RECORD=1 to write new baselines (the test still fails once,
/// so a recording is never mistaken for a pass).
public func assertScreen(
    _ frame: Frame, named name: String,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent("\(name).txt")
    let actual = frame.lines().joined(separator: "\n") + "\n"
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
