/// Where `Coverage.scan` puts a shape's pixels: a pixel format and a colour.
public protocol CoveragePainter {
    /// Paints the fully covered pixels `columns` of `row`.
    mutating func fill(row: Int, columns: ClosedRange<Int>)
    /// Paints pixel (`column`, `row`), whose centre lies `depth` pixels inside the shape's edge.
    mutating func paint(row: Int, column: Int, depth: Double)
}
