import Terminal
import TestSupport
import Testing

/// Snapshots compare how a screen looks, not only what it says.
@Suite struct SnapshotStyleTests {
    @Test func theSameTextInAnotherStyleIsAnotherSnapshot() {
        var plain = Frame(size: Size(width: 10, height: 2))
        plain.put("row one", x: 0, y: 0)
        plain.put("row two", x: 0, y: 1)
        var selected = plain
        selected.restyle(Rect(x: 0, y: 1, width: 10, height: 1), style: Style(attrs: .reverse))
        #expect(plain.text() == selected.text())
        #expect(snapshotText(plain) != snapshotText(selected))
        var bold = plain
        bold.restyle(Rect(x: 0, y: 1, width: 10, height: 1), style: Style(attrs: .bold))
        #expect(snapshotText(bold) != snapshotText(selected))
    }

    @Test func theStyleGridNamesEachCellsLook() {
        var frame = Frame(size: Size(width: 4, height: 1))
        frame.put("ab", x: 0, y: 0, style: Style(fg: .indexed(15), bg: .indexed(24), attrs: [.bold]))
        let text = snapshotText(frame)
        #expect(text.contains("-- styles\naabb\n"))
        #expect(text.contains("a fg 15 bg 24 bold"))
        #expect(text.contains("b plain"))
    }
}
