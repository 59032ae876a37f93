#if Viewer
import Simulation

extension Canvas {
    /// Draws an anti-aliased line of `width` pixels with round caps from `a` to `b` (pixel coordinates), at `opacity`.
    public mutating func drawLine(from a: SIMD2<Double>, to b: SIMD2<Double>, width lineWidth: Double, color: RGB, opacity: Double = 1) {
        guard lineWidth > 0 else { return }
        rasterize(CapsuleCoverage(a: a, b: b, radius: lineWidth / 2), fill: color, outline: nil, outlineWidth: 0,
                  alpha: Blend.alpha(opacity))
    }
}
#endif
