/// A closed shape in continuous pixel coordinates, filled with anti-aliased edges by `Coverage.scan`.
///
/// Pixel `(column, row)` covers `[column, column+1) × [row, row+1)`; its coverage comes from the depth
/// of its centre inside the shape (see `Coverage`).
public protocol CoverageShape {
    /// The y range the shape spans.
    var verticalExtent: ClosedRange<Double> { get }
    /// How far `(x, y)` lies inside the shape's boundary (pixels): positive inside, negative outside.
    func depth(_ x: Double, _ y: Double) -> Double
    /// The x interval of the row through `y` where `depth > -margin`, or nil when it is empty.
    func span(y: Double, margin: Double) -> (lower: Double, upper: Double)?
}
