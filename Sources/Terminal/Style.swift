// How a cell looks. Deliberately small: what every terminal can render,
// so a theme can degrade to monochrome without losing meaning.

/// A colour from the xterm 256-colour palette, or the terminal's own default.
public enum TermColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
}

/// Text attributes that survive on monochrome terminals.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let underline = Attributes(rawValue: 1 << 1)
    public static let reverse = Attributes(rawValue: 1 << 2)
    public static let dim = Attributes(rawValue: 1 << 3)
}

public struct Style: Hashable, Sendable {
    public var fg: TermColor
    public var bg: TermColor
    public var attrs: Attributes

    public init(fg: TermColor = .default, bg: TermColor = .default, attrs: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attrs = attrs
    }

    public static let plain = Style()
}
