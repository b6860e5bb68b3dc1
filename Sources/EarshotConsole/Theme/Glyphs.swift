/// The symbols the views draw, in Unicode and in plain ASCII for terminals whose
/// locale cannot show Unicode (never mojibake).
public struct Glyphs: Sendable {
    public var pointer: String
    public var separator: String
    public var dot: String
    public var ok: String
    public var over: String
    public var ellipsis: String
    public var rule: String
    /// Eight levels, lowest first.
    public var sparks: [String]
    public var selected: String
    /// Another session is looking at, or replying to, the item.
    public var viewing: String
    public var replying: String
    /// Marks the library's own posts in a thread.
    public var library: String
    /// True for the plain-ASCII set: the frame is folded to ASCII before drawing.
    public var ascii: Bool

    public static let unicode = Glyphs(
        pointer: "▸", separator: "│", dot: "·", ok: "✓", over: "✗", ellipsis: "…", rule: "─",
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], selected: "●", viewing: "◉", replying: "✎", library: "◆", ascii: false)

    public static let ascii = Glyphs(
        pointer: ">", separator: "|", dot: "-", ok: "ok", over: "!!", ellipsis: "...", rule: "-",
        sparks: ["_", ".", ",", "-", "~", "=", "+", "#"], selected: "*", viewing: "v", replying: "w", library: "L", ascii: true)

    /// A sparkline of `values`, scaled to the largest; an empty day is the lowest bar.
    public func sparkline(_ values: [Int]) -> String {
        let top = max(values.max() ?? 0, 1)
        return values.map { v in
            sparks[min(sparks.count - 1, v * (sparks.count - 1) / top)]
        }.joined()
    }
}
