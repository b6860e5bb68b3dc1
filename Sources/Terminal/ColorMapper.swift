// Themes are written in the 256-colour palette; many terminals (TERM=xterm,
// linux console, screen) offer 8 or 16. Map each colour to the nearest one available.

public struct ColorMapper: Sendable {
    /// Colours the terminal offers: 0, 8, 16 or 256.
    public let colors: Int

    public init(colors: Int) { self.colors = colors }

    /// The palette index to use, or nil for the terminal default (or no colour at all).
    public func map(_ color: TermColor) -> Int? {
        guard case .indexed(let n) = color, colors > 0 else { return nil }
        let index = Int(n)
        if index < colors { return index }
        return Self.nearest(to: index, among: colors >= 16 ? 16 : 8)
    }

    /// Foreground and background for a style (nil = terminal default). When two different
    /// colours collapse into one on a small palette, the text would vanish: use a contrasting fg.
    public func resolve(_ style: Style) -> (fg: Int?, bg: Int?) {
        var fg = map(style.fg)
        let bg = map(style.bg)
        if let f = fg, let b = bg, f == b, style.fg != style.bg {
            fg = b == 0 || b == 8 ? 7 : 0
        }
        return (fg, bg)
    }

    /// Without colour a background is invisible, so a coloured background (a selection,
    /// a status bar) is shown in reverse video instead.
    public func attributes(for style: Style) -> Attributes {
        if colors == 0, style.bg != .default { return style.attrs.union(.reverse) }
        return style.attrs
    }

    /// Buckets a terminal's COLORS value to what themes are designed for.
    public static func bucket(_ count: Int) -> Int {
        switch count {
        case 256...: return 256
        case 16..<256: return 16
        case 8..<16: return 8
        default: return 0
        }
    }

    static func nearest(to index: Int, among count: Int) -> Int {
        let target = rgb(index)
        var best = 0, bestDistance = Int.max
        for candidate in 0..<count {
            let c = rgb(candidate)
            let d = (c.r - target.r) * (c.r - target.r) + (c.g - target.g) * (c.g - target.g)
                + (c.b - target.b) * (c.b - target.b)
            if d < bestDistance { best = candidate; bestDistance = d }
        }
        return best
    }

    /// xterm's default palette.
    static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch index {
        case 0..<16: return base[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let gray = 8 + 10 * (index - 232)
            return (gray, gray, gray)
        }
    }
}
