/// Maps table coordinates (metres, +y far) to image coordinates (pixels, +y down, top row = far edge).
///
/// The table's longer side spans the image; the table centre is the image centre. Pixel `(column, row)`
/// covers `[column, column+1) × [row, row+1)` in continuous image coordinates, its centre at `+0.5`.
public struct PixelProjection: Sendable, Equatable {
    /// Side of the square image (pixels).
    public let size: Int
    /// Scale (pixels per metre).
    public let pixelsPerMetre: Double

    /// The projection of a `tableSize` table onto a `size × size` image.
    public init(size: Int, tableSize: SIMD2<Double>) {
        self.size = size
        pixelsPerMetre = Double(size) / max(tableSize.x, tableSize.y)
    }

    /// Continuous image coordinates (x right, y down) of a world point.
    @inlinable
    public func pixel(_ world: SIMD2<Double>) -> SIMD2<Double> {
        let half = Double(size) / 2
        return SIMD2(half + world.x * pixelsPerMetre, half - world.y * pixelsPerMetre)
    }

    /// The `(row, column)` of the pixel containing a world point, or nil when off the image.
    public func pixelIndex(of world: SIMD2<Double>) -> (row: Int, column: Int)? {
        let p = pixel(world)
        let image = 0..<Double(size)
        guard image.contains(p.x), image.contains(p.y) else { return nil }  // also NaN and infinities
        return (Int(p.y.rounded(.down)), Int(p.x.rounded(.down)))
    }
}
