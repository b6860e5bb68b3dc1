// Slow links (SSH over mobile) make full repaints painful: backends paint only
// the cells that changed since the previous frame.

extension Frame {
    /// Positions to paint to turn `previous` into this frame, row by row.
    /// A wide grapheme is one position (its left half); a change to either half repaints it.
    /// With no previous frame, or one of another size, every position is listed.
    public func changes(since previous: Frame?) -> [Point] {
        var points: [Point] = []
        let full = previous == nil || previous?.size != size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = self[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                let target = cell.isContinuation ? x - 1 : x
                guard target >= 0 else { continue }
                if points.last != Point(x: target, y: y) { points.append(Point(x: target, y: y)) }
            }
        }
        return points
    }
}
