/// Anti-aliased filling, shared by the pixel-observation `Rasterizer` and the viewer's canvas.
///
/// A pixel's coverage is its centre's depth inside the shape plus one half, clamped to 1: a linear
/// ramp one pixel wide across the edge. Rows are walked within the shape's spans only; pixels deep
/// inside come as runs (fully covered), the others one by one with their depth.
public enum Coverage {
    /// The covered fraction of a pixel whose centre lies `depth` pixels inside the edge; at most 1,
    /// zero or below when the pixel is not covered.
    @inlinable
    public static func fraction(depth: Double) -> Double {
        min(1, depth + 0.5)
    }

    /// Paints the pixels of `columns × rows` that `shape` covers through `painter`.
    ///
    /// Runs whose centres lie deeper than `0.5 + inset` (fully covered, even `inset` pixels in from the
    /// edge) go to `painter.fill(row:columns:)`; every other pixel near the shape goes to
    /// `painter.paint(row:column:depth:)` with its centre's depth (it may be uncovered: check `fraction`).
    @inlinable
    public static func scan<Shape: CoverageShape, Painter: CoveragePainter>(
        _ shape: Shape, columns: Range<Int>, rows: Range<Int>, inset: Double = 0, into painter: inout Painter
    ) {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        let extent = shape.verticalExtent
        guard let top = index((extent.lowerBound - 1).rounded(.down), near: rows),
              let bottom = index((extent.upperBound + 1).rounded(.up), near: rows) else { return }
        let firstRow = max(top, rows.lowerBound), lastRow = min(bottom, rows.upperBound - 1)
        guard firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            let y = Double(row) + 0.5
            guard let outer = shape.span(y: y, margin: 0.5),
                  let low = index((outer.lower - 0.5).rounded(.down), near: columns),
                  let high = index((outer.upper - 0.5).rounded(.up), near: columns) else { continue }
            let first = max(low, columns.lowerBound), last = min(high, columns.upperBound - 1)
            guard first <= last else { continue }
            var innerFirst = last + 1, innerLast = last
            if let inner = shape.span(y: y, margin: -0.5 - inset),
               let low = index((inner.lower - 0.5).rounded(.up), near: columns),
               let high = index((inner.upper - 0.5).rounded(.down), near: columns) {
                innerFirst = max(first, low)
                innerLast = min(last, high)
            }
            var column = first
            while column <= last {
                if column == innerFirst && innerFirst <= innerLast {
                    painter.fill(row: row, columns: innerFirst...innerLast)
                    column = innerLast + 1
                    continue
                }
                painter.paint(row: row, column: column, depth: shape.depth(Double(column) + 0.5, y))
                column += 1
            }
        }
    }

    /// A whole `value` clamped to one step outside `range` at most (so that it converts to `Int` and
    /// keeps its side of the range), or nil when it is not a number.
    @inlinable @inline(__always)
    static func index(_ value: Double, near range: Range<Int>) -> Int? {
        guard !value.isNaN else { return nil }
        return Int(min(max(value, Double(range.lowerBound - 1)), Double(range.upperBound)))
    }
}
