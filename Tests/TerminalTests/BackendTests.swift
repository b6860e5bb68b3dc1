import Testing
@testable import Terminal

@Suite @MainActor struct InMemoryBackendTests {
    @Test func secondDrawPaintsOnlyTheChangedCell() {
        let backend = InMemoryBackend(size: Size(width: 20, height: 4))
        var frame = Frame(size: backend.size)
        frame.put("hello world", x: 0, y: 0)
        frame.put("second line", x: 0, y: 2)
        backend.draw(frame)
        #expect(backend.paintedCells == 80)
        frame.put("J", x: 0, y: 0)
        backend.draw(frame)
        #expect(backend.paintedCells == 1)
        #expect(backend.screenText() == "Jello world\n\nsecond line\n")
        backend.draw(frame)
        #expect(backend.paintedCells == 0)
    }

    @Test func aWideCharIsOnePaintAndStyleChangesCount() {
        let backend = InMemoryBackend(size: Size(width: 6, height: 1))
        var frame = Frame(size: backend.size)
        frame.put("ab", x: 0, y: 0)
        backend.draw(frame)
        frame.put("日", x: 0, y: 0)
        backend.draw(frame)
        #expect(backend.paintedCells == 1)
        frame.restyle(Rect(x: 4, y: 0, width: 2, height: 1), style: Style(attrs: .reverse))
        backend.draw(frame)
        #expect(backend.paintedCells == 2)
    }

    @Test func resizeRepaintsEverything() {
        let backend = InMemoryBackend(size: Size(width: 4, height: 2))
        backend.draw(Frame(size: backend.size))
        backend.size = Size(width: 5, height: 3)
        backend.draw(Frame(size: backend.size))
        #expect(backend.paintedCells == 15)
    }

    @Test func keysComeOutInOrderThenNil() {
        let backend = InMemoryBackend(size: Size(width: 1, height: 1))
        backend.pendingKeys = [.char("j"), .enter]
        #expect(backend.readKey(timeoutMilliseconds: 0) == .char("j"))
        #expect(backend.readKey(timeoutMilliseconds: 0) == .enter)
        #expect(backend.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func withoutUnicodeFramesAreDrawnAsASCII() {
        let backend = InMemoryBackend(size: Size(width: 8, height: 1), capabilities: .init(colors: 0, unicode: false))
        var frame = Frame(size: backend.size)
        frame.put("café 日", x: 0, y: 0)
        backend.draw(frame)
        #expect(backend.screenText() == "cafe ??")
    }
}

@Suite struct ColorMapperTests {
    @Test func keepsWhatFitsAndMapsTheRestToTheNearest() {
        #expect(ColorMapper(colors: 256).map(.indexed(208)) == 208)
        #expect(ColorMapper(colors: 256).map(.default) == nil)
        #expect(ColorMapper(colors: 16).map(.indexed(12)) == 12)
        #expect(ColorMapper(colors: 16).map(.indexed(196)) == 9)   // bright red
        #expect(ColorMapper(colors: 8).map(.indexed(196)) == 1)    // red
        #expect(ColorMapper(colors: 8).map(.indexed(21)) == 4)     // blue
        #expect(ColorMapper(colors: 8).map(.indexed(231)) == 7)    // white
        #expect(ColorMapper(colors: 8).map(.indexed(16)) == 0)     // black
        #expect(ColorMapper(colors: 0).map(.indexed(1)) == nil)
    }

    @Test func coloursThatCollapseTogetherStillContrast() {
        let greyOnDark = Style(fg: .indexed(240), bg: .indexed(234))
        let eight = ColorMapper(colors: 8).resolve(greyOnDark)
        #expect(eight.bg == 0)
        #expect(eight.fg == 7)
        let full = ColorMapper(colors: 256).resolve(greyOnDark)
        #expect(full.fg == 240 && full.bg == 234)
        #expect(ColorMapper(colors: 8).resolve(Style(fg: .indexed(3), bg: .indexed(3))).fg == 3)
    }

    @Test func monochromeShowsBackgroundsAsReverseVideo() {
        let selected = Style(fg: .indexed(15), bg: .indexed(24), attrs: .bold)
        #expect(ColorMapper(colors: 0).attributes(for: selected) == [.bold, .reverse])
        #expect(ColorMapper(colors: 256).attributes(for: selected) == [.bold])
        #expect(ColorMapper(colors: 0).attributes(for: Style(fg: .indexed(1))) == [])
    }

    @Test func bucketsTerminalColourCounts() {
        #expect(ColorMapper.bucket(0) == 0)
        #expect(ColorMapper.bucket(8) == 8)
        #expect(ColorMapper.bucket(88) == 16)
        #expect(ColorMapper.bucket(256) == 256)
        #expect(ColorMapper.bucket(16_777_216) == 256)
    }
}
