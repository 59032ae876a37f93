#if Viewer
import Simulation

/// A closed shape the canvas can fill with anti-aliased edges: a signed distance and row spans.
protocol CoverageShape {
    /// The rows (pixel-centre y) the shape can touch: [minY, maxY].
    var verticalExtent: ClosedRange<Double> { get }
    /// The signed distance in pixels from (x, y) to the boundary, negative inside.
    func distance(_ x: Double, _ y: Double) -> Double
    /// The x-interval on the row through `y` where `distance < margin`, or nil when it is empty.
    func span(y: Double, margin: Double) -> (lower: Double, upper: Double)?
}

/// A disc in pixel coordinates.
struct CircleShape: CoverageShape {
    let center: SIMD2<Double>
    let radius: Double

    var verticalExtent: ClosedRange<Double> { (center.y - radius)...(center.y + radius) }

    func distance(_ x: Double, _ y: Double) -> Double {
        ((x - center.x) * (x - center.x) + (y - center.y) * (y - center.y)).squareRoot() - radius
    }

    func span(y: Double, margin: Double) -> (lower: Double, upper: Double)? {
        let reach = radius + margin, dy = y - center.y
        let squared = reach * reach - dy * dy
        guard reach > 0, squared > 0 else { return nil }
        let half = squared.squareRoot()
        return (center.x - half, center.x + half)
    }
}

/// One edge of a convex polygon as a half-plane: inside is `nx·x + ny·y - offset < 0`, (nx, ny) the outward unit normal.
struct HalfPlane {
    var nx: Double, ny: Double, offset: Double
    /// 1 / nx, or 0 for horizontal edges (nx = 0).
    var inverseNx: Double
}

/// A convex polygon in pixel coordinates as the intersection of its edges' half-planes.
struct ConvexPolygonShape: CoverageShape {
    let edges: UnsafeBufferPointer<HalfPlane>
    let verticalExtent: ClosedRange<Double>

    func distance(_ x: Double, _ y: Double) -> Double {
        var worst = -Double.infinity
        for edge in edges { worst = max(worst, edge.nx * x + edge.ny * y - edge.offset) }
        return worst
    }

    func span(y: Double, margin: Double) -> (lower: Double, upper: Double)? {
        var lower = -Double.infinity, upper = Double.infinity
        for edge in edges {
            let limit = margin + edge.offset - edge.ny * y  // nx · x < limit
            if edge.nx > 1e-12 {
                upper = min(upper, limit * edge.inverseNx)
            } else if edge.nx < -1e-12 {
                lower = max(lower, limit * edge.inverseNx)
            } else if limit <= 0 {
                return nil
            }
        }
        return lower < upper ? (lower, upper) : nil
    }
}

extension Canvas {
    /// Draws a disc: filled with `fill` and/or edged inside with an `outline` of `outlineWidth` pixels, both at `opacity`.
    public mutating func drawCircle(
        center: SIMD2<Double>, radius: Double, fill: RGB?, outline: RGB? = nil, outlineWidth: Double = 1.5, opacity: Double = 1
    ) {
        guard radius > 0 else { return }
        rasterize(CircleShape(center: center, radius: radius), fill: fill, outline: outline, outlineWidth: outlineWidth,
                  alpha: Blend.alpha(opacity))
    }

    /// Draws a convex polygon given by its vertices in pixels (either winding).
    public mutating func drawConvexPolygon(
        _ points: [SIMD2<Double>], fill: RGB?, outline: RGB? = nil, outlineWidth: Double = 1.5, opacity: Double = 1
    ) {
        points.withUnsafeBufferPointer {
            drawConvexPolygon($0, fill: fill, outline: outline, outlineWidth: outlineWidth, opacity: opacity)
        }
    }

    /// Draws a convex polygon from a vertex buffer, without allocating.
    mutating func drawConvexPolygon(
        _ points: UnsafeBufferPointer<SIMD2<Double>>, fill: RGB?, outline: RGB?, outlineWidth: Double, opacity: Double
    ) {
        let count = points.count
        guard count >= 3 else { return }
        var twiceArea = 0.0, minY = Double.infinity, maxY = -Double.infinity
        for i in 0..<count {
            let p = points[i], q = points[(i + 1) % count]
            twiceArea += p.x * q.y - q.x * p.y
            minY = min(minY, p.y)
            maxY = max(maxY, p.y)
        }
        guard abs(twiceArea) > 1e-9 else { return }
        let orientation = twiceArea > 0 ? 1.0 : -1.0
        withUnsafeTemporaryAllocation(of: HalfPlane.self, capacity: count) { edges in
            var used = 0
            for i in 0..<count {
                let p = points[i], q = points[(i + 1) % count]
                let along = q - p
                let length = (along * along).sum().squareRoot()
                guard length > 1e-9 else { continue }
                let normal = orientation * SIMD2(along.y, -along.x) / length
                edges[used] = HalfPlane(nx: normal.x, ny: normal.y, offset: (normal * p).sum(),
                                        inverseNx: abs(normal.x) > 1e-12 ? 1 / normal.x : 0)
                used += 1
            }
            let shape = ConvexPolygonShape(edges: UnsafeBufferPointer(rebasing: edges[0..<used]), verticalExtent: minY...maxY)
            rasterize(shape, fill: fill, outline: outline, outlineWidth: outlineWidth, alpha: Blend.alpha(opacity))
        }
    }

    /// Fills `shape` row by row: constant-colour runs inside, signed-distance coverage near the edge.
    mutating func rasterize<Shape: CoverageShape>(_ shape: Shape, fill: RGB?, outline: RGB?, outlineWidth: Double, alpha: UInt32) {
        guard alpha > 0 else { return }
        let ring = outline == nil ? 0 : max(outlineWidth, 0)
        let extent = shape.verticalExtent
        let top = max(clipRect.minY, Int((extent.lowerBound - 1).rounded(.down)))
        let bottom = min(clipRect.maxY - 1, Int((extent.upperBound + 1).rounded(.up)))
        guard top <= bottom else { return }
        let stride = width, firstColumn = clipRect.minX, lastColumn = clipRect.maxX - 1
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in top...bottom {
                let y = Double(row) + 0.5
                guard let outer = shape.span(y: y, margin: 0.5) else { continue }
                let first = max(firstColumn, Int((outer.lower - 0.5).rounded(.down)))
                let last = min(lastColumn, Int((outer.upper - 0.5).rounded(.up)))
                guard first <= last else { continue }
                // Pixels whose centre lies in `inner` are fully covered by the fill (and untouched by the ring).
                var innerFirst = last + 1, innerLast = last
                if let inner = shape.span(y: y, margin: -0.5 - ring) {
                    innerFirst = max(first, Int((inner.lower - 0.5).rounded(.up)))
                    innerLast = min(last, Int((inner.upper - 0.5).rounded(.down)))
                }
                let base = row * stride
                var x = first
                while x <= last {
                    if x == innerFirst && innerFirst <= innerLast {
                        if let fill { Blend.span(buffer, from: base + x, count: innerLast - x + 1, color: fill, alpha: alpha, coverage: 255) }
                        x = innerLast + 1
                        continue
                    }
                    let d = shape.distance(Double(x) + 0.5, y)
                    let edge = Self.coverage(0.5 - d)
                    let core = ring > 0 ? Self.coverage(0.5 - d - ring) : edge
                    if let fill, core > 0 {
                        buffer[base + x] = Blend.pixel(buffer[base + x], fill.argb, alpha: alpha, coverage: core)
                    }
                    if let outline, edge > core {
                        buffer[base + x] = Blend.pixel(
                            buffer[base + x], outline.argb, alpha: alpha, coverage: edge - core)
                    }
                    x += 1
                }
            }
        }
    }

    /// A coverage fraction (clamped to 0...1) as 0...255.
    @inline(__always) static func coverage(_ fraction: Double) -> UInt32 {
        fraction <= 0 ? 0 : fraction >= 1 ? 255 : UInt32(fraction * 255 + 0.5)
    }
}
#endif
