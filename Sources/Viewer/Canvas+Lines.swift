#if Viewer
extension Canvas {
    /// Draws an anti-aliased line of `width` pixels with round caps from `a` to `b` (pixel coordinates).
    ///
    /// Walks the longer axis and covers, per step, only the pixels within reach across it, so the cost
    /// grows with length × width rather than with the bounding box.
    public mutating func drawLine(from a: SIMD2<Double>, to b: SIMD2<Double>, width lineWidth: Double, color: Color) {
        guard lineWidth > 0, color.alpha > 0 else { return }
        let steep = abs(b.y - a.y) > abs(b.x - a.x)
        // (u, v): u along the major axis, v across it.
        let start = steep ? SIMD2(a.y, a.x) : a, end = steep ? SIMD2(b.y, b.x) : b
        let radius = lineWidth / 2
        let delta = end - start
        let lengthSquared = (delta * delta).sum()
        let slope = delta.x == 0 ? 0 : delta.y / delta.x
        let reach = (radius + 1.5) * (1 + slope * slope).squareRoot()
        let majorLimit = (steep ? height : width) - 1, minorLimit = (steep ? width : height) - 1
        let firstU = max(0, Int((min(start.x, end.x) - radius - 1).rounded(.down)))
        let lastU = min(majorLimit, Int((max(start.x, end.x) + radius + 1).rounded(.up)))
        guard firstU <= lastU else { return }
        let stride = width, argb = color.argb, alpha = UInt32(color.alpha)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for u in firstU...lastU {
                let pu = Double(u) + 0.5
                let t = delta.x == 0 ? 0 : min(max((pu - start.x) / delta.x, 0), 1)
                let centre = start.y + t * delta.y
                let firstV = max(0, Int((centre - reach).rounded(.down)))
                let lastV = min(minorLimit, Int((centre + reach).rounded(.up)))
                guard firstV <= lastV else { continue }
                for v in firstV...lastV {
                    let p = SIMD2(pu, Double(v) + 0.5)
                    // Distance from p to the segment.
                    let s = lengthSquared == 0 ? 0 : min(max(((p - start) * delta).sum() / lengthSquared, 0), 1)
                    let offset = p - (start + s * delta)
                    let coverage = Self.coverage(radius + 0.5 - (offset * offset).sum().squareRoot())
                    guard coverage > 0 else { continue }
                    let index = steep ? u * stride + v : v * stride + u
                    buffer[index] = Blend.pixel(buffer[index], argb, alpha: alpha, coverage: coverage)
                }
            }
        }
    }
}
#endif
