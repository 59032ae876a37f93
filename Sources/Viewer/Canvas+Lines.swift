#if Viewer
import Simulation

/// A capsule in pixel coordinates: the points within `radius` of the segment `a`–`b`.
struct CapsuleShape: CoverageShape {
    let a: SIMD2<Double>
    let b: SIMD2<Double>
    let radius: Double
    /// The unit direction from a to b (zero when a = b), its left normal, the length, 1 / length².
    private let direction: SIMD2<Double>
    private let normal: SIMD2<Double>
    private let length: Double
    private let inverseLengthSquared: Double

    init(a: SIMD2<Double>, b: SIMD2<Double>, radius: Double) {
        self.a = a
        self.b = b
        self.radius = radius
        let delta = b - a
        length = (delta * delta).sum().squareRoot()
        direction = length > 1e-12 ? delta / length : .zero
        normal = SIMD2(-direction.y, direction.x)
        inverseLengthSquared = length > 1e-12 ? 1 / (length * length) : 0
    }

    var verticalExtent: ClosedRange<Double> { (min(a.y, b.y) - radius)...(max(a.y, b.y) + radius) }

    func distance(_ x: Double, _ y: Double) -> Double {
        let p = SIMD2(x, y), delta = b - a
        let s = min(max(((p - a) * delta).sum() * inverseLengthSquared, 0), 1)
        let offset = p - (a + s * delta)
        return (offset * offset).sum().squareRoot() - radius
    }

    /// The union of the two end discs and the straight part; a capsule is convex, so it is one interval.
    func span(y: Double, margin: Double) -> (lower: Double, upper: Double)? {
        let reach = radius + margin
        guard reach > 0 else { return nil }
        var lower = Double.infinity, upper = -Double.infinity
        Self.include(disc: a, reach: reach, y: y, lower: &lower, upper: &upper)
        Self.include(disc: b, reach: reach, y: y, lower: &lower, upper: &upper)
        if length > 1e-12 {
            // The straight part: |normal · (p - a)| ≤ reach and 0 ≤ direction · (p - a) ≤ length, four half-planes.
            let along = (direction * a).sum(), across = (normal * a).sum()
            var low = -Double.infinity, high = Double.infinity
            guard Self.clip(normal, bound: across + reach, y: y, low: &low, high: &high),
                  Self.clip(-normal, bound: reach - across, y: y, low: &low, high: &high),
                  Self.clip(-direction, bound: -along, y: y, low: &low, high: &high),
                  Self.clip(direction, bound: along + length, y: y, low: &low, high: &high)
            else { return lower < upper ? (lower, upper) : nil }
            if low < high {
                lower = min(lower, low)
                upper = max(upper, high)
            }
        }
        return lower < upper ? (lower, upper) : nil
    }

    /// Widens [lower, upper] by the row's chord through a disc of radius `reach`.
    @inline(__always)
    private static func include(disc centre: SIMD2<Double>, reach: Double, y: Double, lower: inout Double, upper: inout Double) {
        let dy = y - centre.y, squared = reach * reach - dy * dy
        guard squared > 0 else { return }
        let half = squared.squareRoot()
        lower = min(lower, centre.x - half)
        upper = max(upper, centre.x + half)
    }

    /// Narrows [low, high] to the row's part of the half-plane `n · p ≤ bound`; false when the row misses it.
    @inline(__always)
    private static func clip(_ n: SIMD2<Double>, bound: Double, y: Double, low: inout Double, high: inout Double) -> Bool {
        let limit = bound - n.y * y  // n.x · x ≤ limit
        if n.x > 1e-12 {
            high = min(high, limit / n.x)
        } else if n.x < -1e-12 {
            low = max(low, limit / n.x)
        } else if limit < 0 {
            return false
        }
        return true
    }
}

extension Canvas {
    /// Draws an anti-aliased line of `width` pixels with round caps from `a` to `b` (pixel coordinates), at `opacity`.
    public mutating func drawLine(from a: SIMD2<Double>, to b: SIMD2<Double>, width lineWidth: Double, color: RGB, opacity: Double = 1) {
        guard lineWidth > 0 else { return }
        rasterize(CapsuleShape(a: a, b: b, radius: lineWidth / 2), fill: color, outline: nil, outlineWidth: 0,
                  alpha: Blend.alpha(opacity))
    }
}
#endif
