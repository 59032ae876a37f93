extension Rasterizer {
    /// The pixel range `[low, high]` covering `min...max` in one axis, clipped to the image.
    @inline(__always)
    func pixelRange(_ low: Double, _ high: Double) -> ClosedRange<Int>? {
        let first = max(0, Int((low - 0.5).rounded(.down)))
        let last = min(size - 1, Int((high + 0.5).rounded(.down)))
        return first <= last ? first...last : nil
    }

    /// Blends `color` into pixel `index` with `coverage` in (0, 1].
    @inline(__always)
    func blend(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int, _ color: RGB, _ coverage: Double) {
        if coverage >= 1 {
            buffer[index] = color.r
            buffer[index + 1] = color.g
            buffer[index + 2] = color.b
        } else {
            let a = Float(coverage)
            @inline(__always) func mix(_ d: UInt8, _ s: UInt8) -> UInt8 {
                UInt8(Float(d) + (Float(s) - Float(d)) * a + 0.5)
            }
            buffer[index] = mix(buffer[index], color.r)
            buffer[index + 1] = mix(buffer[index + 1], color.g)
            buffer[index + 2] = mix(buffer[index + 2], color.b)
        }
    }

    /// Fills a capsule (segment `a`–`b` thickened by `radius`, all in pixels); a disc when `a == b`.
    func fillCapsule(_ a: SIMD2<Double>, _ b: SIMD2<Double>, radius: Double, color: RGB,
                     into buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard let rows = pixelRange(min(a.y, b.y) - radius, max(a.y, b.y) + radius),
              let columns = pixelRange(min(a.x, b.x) - radius, max(a.x, b.x) + radius) else { return }
        let ab = b - a
        let lengthSquared = (ab * ab).sum()
        let inverse = lengthSquared > 0 ? 1 / lengthSquared : 0
        let outer = (radius + 0.5) * (radius + 0.5)
        let inner = radius > 0.5 ? (radius - 0.5) * (radius - 0.5) : -1
        for row in rows {
            let py = Double(row) + 0.5
            for column in columns {
                let p = SIMD2(Double(column) + 0.5, py) - a
                let t = min(1, max(0, (p * ab).sum() * inverse))
                let d = p - t * ab
                let distanceSquared = (d * d).sum()
                if distanceSquared >= outer { continue }
                let coverage = distanceSquared <= inner ? 1 : min(1, radius - distanceSquared.squareRoot() + 0.5)
                if coverage > 0 { blend(buffer, 3 * (row * size + column), color, coverage) }
            }
        }
    }

    /// Fills the convex polygon in `points` (image coordinates, either orientation).
    func fillPolygon(color: RGB, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let n = points.count
        guard n >= 3 else { return }
        var area = 0.0
        var low = points[0], high = points[0]
        for i in 0..<n {
            area += cross(points[i], points[(i + 1) % n])
            low = pointwiseMin(low, points[i])
            high = pointwiseMax(high, points[i])
        }
        let orientation: Double = area >= 0 ? 1 : -1
        edges.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let a = points[i], e = points[(i + 1) % n] - a
            let length = (e * e).sum().squareRoot()
            guard length > 1e-12 else { continue }
            let normal = SIMD2(-e.y, e.x) * (orientation / length)
            edges.append(SIMD3(normal.x, normal.y, -(normal * a).sum()))
        }
        guard let rows = pixelRange(low.y, high.y), let columns = pixelRange(low.x, high.x) else { return }
        edges.withUnsafeBufferPointer { edges in
            for row in rows {
                let py = Double(row) + 0.5
                for column in columns {
                    let px = Double(column) + 0.5
                    var distance = Double.infinity
                    for e in edges {
                        distance = min(distance, e.x * px + e.y * py + e.z)
                        if distance <= -0.5 { break }
                    }
                    let coverage = min(1, distance + 0.5)
                    if coverage > 0 { blend(buffer, 3 * (row * size + column), color, coverage) }
                }
            }
        }
    }
}
