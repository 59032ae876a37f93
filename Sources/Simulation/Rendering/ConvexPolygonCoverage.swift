/// A convex polygon in pixel coordinates as the intersection of its edges' half-planes.
public struct ConvexPolygonCoverage: CoverageShape {
    /// The edges as inward unit normals, offsets and `1 / nx` (0 when `nx` is 0), `(nx, ny, c, 1/nx)`:
    /// the depth of `p` behind an edge is `n·p + c`.
    public let edges: UnsafeBufferPointer<SIMD4<Double>>
    public let verticalExtent: ClosedRange<Double>

    /// Calls `body` with the polygon of `points` (pixel coordinates, either winding), its edges in
    /// temporary storage; does nothing for fewer than three points or when they all coincide.
    @inlinable
    public static func withPolygon(_ points: UnsafeBufferPointer<SIMD2<Double>>, _ body: (ConvexPolygonCoverage) -> Void) {
        let n = points.count
        guard n >= 3 else { return }
        var area = 0.0, low = points[0].y, high = points[0].y
        for i in 0..<n {
            area += cross(points[i], points[(i + 1) % n])
            low = min(low, points[i].y)
            high = max(high, points[i].y)
        }
        let orientation: Double = area >= 0 ? 1 : -1
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: n) { edges in
            var count = 0
            for i in 0..<n {
                let a = points[i], e = points[(i + 1) % n] - a
                let length = (e * e).sum().squareRoot()
                guard length > 1e-12 else { continue }
                let normal = SIMD2(-e.y, e.x) * (orientation / length)
                edges[count] = SIMD4(normal.x, normal.y, -(normal * a).sum(), normal.x != 0 ? 1 / normal.x : 0)
                count += 1
            }
            guard count > 0 else { return }
            body(ConvexPolygonCoverage(edges: UnsafeBufferPointer(rebasing: edges[..<count]), verticalExtent: low...high))
        }
    }

    @inlinable
    init(edges: UnsafeBufferPointer<SIMD4<Double>>, verticalExtent: ClosedRange<Double>) {
        self.edges = edges
        self.verticalExtent = verticalExtent
    }

    /// The depth behind the nearest edge.
    @inlinable
    public func depth(_ x: Double, _ y: Double) -> Double {
        var depth = Double.infinity
        for e in edges { depth = min(depth, e.x * x + e.y * y + e.z) }
        return depth
    }

    @inlinable
    public func span(y: Double, margin: Double) -> (lower: Double, upper: Double)? {
        var lower = -Double.infinity, upper = Double.infinity
        for e in edges {
            let limit = -margin - e.z - e.y * y  // inside by more than -margin where nx · x > limit
            if e.x > 1e-12 {
                lower = max(lower, limit * e.w)
            } else if e.x < -1e-12 {
                upper = min(upper, limit * e.w)
            } else if limit >= 0 {
                return nil
            }
        }
        return lower < upper ? (lower, upper) : nil
    }
}
