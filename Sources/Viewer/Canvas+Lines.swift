#if Viewer
extension Canvas {
    /// Draws an anti-aliased line of `width` pixels with round caps from `a` to `b` (pixel coordinates).
    ///
    /// Walks the longer axis and covers, per step, only the pixels within reach across it, so the cost
    /// grows with length × width rather than with the bounding box; pixels deep inside a thick line are
    /// filled without computing their distance.
    public mutating func drawLine(from a: SIMD2<Double>, to b: SIMD2<Double>, width lineWidth: Double, color: Color) {
        guard lineWidth > 0, color.alpha > 0 else { return }
        let steep = abs(b.y - a.y) > abs(b.x - a.x)
        // (u, v): u along the major axis, v across it.
        let start = steep ? SIMD2(a.y, a.x) : a, end = steep ? SIMD2(b.y, b.x) : b
        let radius = lineWidth / 2
        let delta = end - start
        let lengthSquared = (delta * delta).sum()
        let slope = delta.x == 0 ? 0 : delta.y / delta.x
        let secant = (1 + slope * slope).squareRoot()
        let reach = (radius + 1.5) * secant
        // Across the middle of the line, pixel centres within this of the axis are fully covered.
        let innerReach = (radius - 0.5) * secant
        let (majorFirst, majorLast) = steep ? (clipRect.minY, clipRect.maxY - 1) : (clipRect.minX, clipRect.maxX - 1)
        let (minorFirst, minorLast) = steep ? (clipRect.minX, clipRect.maxX - 1) : (clipRect.minY, clipRect.maxY - 1)
        let firstU = max(majorFirst, Int((min(start.x, end.x) - radius - 1).rounded(.down)))
        let lastU = min(majorLast, Int((max(start.x, end.x) + radius + 1).rounded(.up)))
        guard firstU <= lastU else { return }
        let stride = width, argb = color.argb, alpha = UInt32(color.alpha)
        let inverseLengthSquared = lengthSquared == 0 ? 0 : 1 / lengthSquared
        let inverseDeltaU = delta.x == 0 ? 0 : 1 / delta.x
        pixels.withUnsafeMutableBufferPointer { buffer in
            for u in firstU...lastU {
                let pu = Double(u) + 0.5
                let t = min(max((pu - start.x) * inverseDeltaU, 0), 1)
                let centre = start.y + t * delta.y
                let firstV = max(minorFirst, Int((centre - reach).rounded(.down)))
                let lastV = min(minorLast, Int((centre + reach).rounded(.up)))
                guard firstV <= lastV else { continue }
                var innerFirst = lastV + 1, innerLast = lastV
                if innerReach > 0, lengthSquared > 0 {
                    // The band is inside the straight part when both its ends project onto the segment.
                    let low = centre - innerReach, high = centre + innerReach
                    let s0 = ((pu - start.x) * delta.x + (low - start.y) * delta.y) * inverseLengthSquared
                    let s1 = ((pu - start.x) * delta.x + (high - start.y) * delta.y) * inverseLengthSquared
                    if min(s0, s1) >= 0 && max(s0, s1) <= 1 {
                        innerFirst = Int((low - 0.5).rounded(.up))
                        innerLast = Int((high - 0.5).rounded(.down))
                    }
                }
                for v in firstV...lastV {
                    if v >= innerFirst && v <= innerLast {
                        let index = steep ? u * stride + v : v * stride + u
                        buffer[index] = Blend.pixel(buffer[index], argb, alpha: alpha, coverage: 255)
                        continue
                    }
                    let p = SIMD2(pu, Double(v) + 0.5)
                    // Distance from p to the segment.
                    let s = min(max(((p - start) * delta).sum() * inverseLengthSquared, 0), 1)
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
