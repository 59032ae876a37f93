#if Viewer
import Simulation

extension Canvas {
    /// Draws a disc: filled with `fill` and/or edged inside with an `outline` of `outlineWidth` pixels, both at `opacity`.
    public mutating func drawCircle(
        center: SIMD2<Double>, radius: Double, fill: RGB?, outline: RGB? = nil, outlineWidth: Double = 1.5, opacity: Double = 1
    ) {
        guard radius > 0 else { return }
        rasterize(CapsuleCoverage(a: center, b: center, radius: radius), fill: fill, outline: outline, outlineWidth: outlineWidth,
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
        ConvexPolygonCoverage.withPolygon(points) { shape in
            rasterize(shape, fill: fill, outline: outline, outlineWidth: outlineWidth, alpha: Blend.alpha(opacity))
        }
    }

    /// Fills `shape` through `Coverage` within the clip: constant-colour runs inside, coverage-weighted
    /// pixels near the edge, where an `outline` ring of `outlineWidth` pixels takes what the fill leaves.
    mutating func rasterize<Shape: CoverageShape>(_ shape: Shape, fill: RGB?, outline: RGB?, outlineWidth: Double, alpha: UInt32) {
        guard alpha > 0 else { return }
        let ring = outline == nil ? 0 : max(outlineWidth, 0)
        let stride = width, columns = clipRect.minX..<clipRect.maxX, rows = clipRect.minY..<clipRect.maxY
        pixels.withUnsafeMutableBufferPointer { buffer in
            var painter = ARGBPainter(buffer: buffer, stride: stride, fill: fill, outline: outline, ring: ring, alpha: alpha)
            Coverage.scan(shape, columns: columns, rows: rows, inset: ring, into: &painter)
        }
    }

    /// A coverage fraction (clamped to 0...1) as 0...255.
    @inline(__always) static func coverage(_ fraction: Double) -> UInt32 {
        fraction <= 0 ? 0 : fraction >= 1 ? 255 : UInt32(fraction * 255 + 0.5)
    }
}
/// Paints a fill and an outline ring into ARGB8888 pixels at one alpha.
struct ARGBPainter: CoveragePainter {
    let buffer: UnsafeMutableBufferPointer<UInt32>
    let stride: Int
    let fill: RGB?
    let outline: RGB?
    /// The outline's width inside the edge (pixels); 0 without an outline.
    let ring: Double
    let alpha: UInt32

    func fill(row: Int, columns: ClosedRange<Int>) {
        guard let fill else { return }
        Blend.span(buffer, from: row * stride + columns.lowerBound, count: columns.count, color: fill, alpha: alpha, coverage: 255)
    }

    func paint(row: Int, column: Int, depth: Double) {
        let at = row * stride + column
        let edge = Canvas.coverage(Coverage.fraction(depth: depth))
        let core = ring > 0 ? Canvas.coverage(Coverage.fraction(depth: depth - ring)) : edge
        if let fill, core > 0 {
            buffer[at] = Blend.pixel(buffer[at], fill.argb, alpha: alpha, coverage: core)
        }
        if let outline, edge > core {
            buffer[at] = Blend.pixel(buffer[at], outline.argb, alpha: alpha, coverage: edge - core)
        }
    }
}
#endif
