/// A capsule in pixel coordinates: the points within `radius` of the segment `a`–`b`; a disc when `a == b`.
public struct CapsuleCoverage: CoverageShape {
    public let a: SIMD2<Double>
    public let b: SIMD2<Double>
    public let radius: Double
    /// `b - a` and `1 / |b - a|²` (0 for a disc), for the nearest point of the segment.
    @usableFromInline let ab: SIMD2<Double>
    @usableFromInline let inverseLengthSquared: Double
    /// The unit direction from `a` to `b` (zero for a disc), its left normal and the length, for row spans.
    @usableFromInline let direction: SIMD2<Double>
    @usableFromInline let normal: SIMD2<Double>
    @usableFromInline let length: Double

    /// The capsule around `a`–`b` of `radius` (pixels).
    @inlinable
    public init(a: SIMD2<Double>, b: SIMD2<Double>, radius: Double) {
        self.a = a
        self.b = b
        self.radius = radius
        ab = b - a
        let lengthSquared = (ab * ab).sum()
        inverseLengthSquared = lengthSquared > 0 ? 1 / lengthSquared : 0
        length = lengthSquared.squareRoot()
        direction = length > 1e-12 ? ab / length : .zero
        normal = SIMD2(-direction.y, direction.x)
    }

    @inlinable
    public var verticalExtent: ClosedRange<Double> { (min(a.y, b.y) - radius)...(max(a.y, b.y) + radius) }

    @inlinable
    public func depth(_ x: Double, _ y: Double) -> Double {
        let p = SIMD2(x, y) - a
        let t = min(1, max(0, (p * ab).sum() * inverseLengthSquared))
        let d = p - t * ab
        return radius - (d * d).sum().squareRoot()
    }

    /// The union of the two end discs and the straight part (one disc for a disc); a capsule is convex,
    /// so it is one interval.
    @inlinable
    public func span(y: Double, margin: Double) -> (lower: Double, upper: Double)? {
        let reach = radius + margin
        guard reach > 0 else { return nil }
        var lower = Double.infinity, upper = -Double.infinity
        Self.include(disc: a, reach: reach, y: y, lower: &lower, upper: &upper)
        if length > 1e-12 {
            Self.include(disc: b, reach: reach, y: y, lower: &lower, upper: &upper)
            // The straight part: |normal · (p - a)| ≤ reach and 0 ≤ direction · (p - a) ≤ length, four half-planes.
            let along = (direction * a).sum(), across = (normal * a).sum()
            var low = -Double.infinity, high = Double.infinity
            if Self.clip(normal, bound: across + reach, y: y, low: &low, high: &high),
               Self.clip(-normal, bound: reach - across, y: y, low: &low, high: &high),
               Self.clip(-direction, bound: -along, y: y, low: &low, high: &high),
               Self.clip(direction, bound: along + length, y: y, low: &low, high: &high), low < high {
                lower = min(lower, low)
                upper = max(upper, high)
            }
        }
        return lower < upper ? (lower, upper) : nil
    }

    /// Widens [lower, upper] by the row's chord through a disc of radius `reach`.
    @inlinable
    static func include(disc centre: SIMD2<Double>, reach: Double, y: Double, lower: inout Double, upper: inout Double) {
        let dy = y - centre.y, squared = reach * reach - dy * dy
        guard squared > 0 else { return }
        let half = squared.squareRoot()
        lower = min(lower, centre.x - half)
        upper = max(upper, centre.x + half)
    }

    /// Narrows [low, high] to the row's part of the half-plane `n · p ≤ bound`; false when the row misses it.
    @inlinable
    static func clip(_ n: SIMD2<Double>, bound: Double, y: Double, low: inout Double, high: inout Double) -> Bool {
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
