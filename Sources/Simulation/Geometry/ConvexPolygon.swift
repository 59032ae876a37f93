import Foundation

/// A convex polygon with counter-clockwise vertices, with area and intersection area (for goal coverage).
public struct ConvexPolygon: Sendable, Equatable {
    /// The vertices, counter-clockwise.
    public private(set) var vertices: [SIMD2<Double>]

    /// Wraps vertices already known to be convex and counter-clockwise.
    init(_ vertices: [SIMD2<Double>]) {
        self.vertices = vertices
    }

    /// Checks and orders `points`: nil unless they form a convex polygon with at least 3 vertices and positive area.
    ///
    /// Clockwise input is reversed; collinear or non-convex input is rejected.
    public init?(counterClockwise points: [SIMD2<Double>]) {
        guard points.count >= 3 else { return nil }
        var ordered = points
        if ConvexPolygon.signedArea(points) < 0 { ordered.reverse() }
        let n = ordered.count
        for i in 0..<n {
            let a = ordered[i], b = ordered[(i + 1) % n], c = ordered[(i + 2) % n]
            if cross(b - a, c - b) <= 0 { return nil }
        }
        vertices = ordered
    }

    /// The polygon of a shape spec; a circle becomes an inscribed regular 48-gon.
    init(shape: ShapeSpec, scale: Double = 1) {
        switch shape {
        case let .circle(radius, offset):
            let n = 48
            vertices = (0..<n).map { k in
                let t = 2 * Double.pi * Double(k) / Double(n)
                return (offset + radius * SIMD2(cos(t), sin(t))) * scale
            }
        case .box, .polygon:
            vertices = shape.polygonPoints(scale: scale)
        }
    }

    /// The area (m²).
    public var area: Double { ConvexPolygon.signedArea(vertices) }

    /// The polygon moved to `pose` (rotated about the origin, then translated).
    public func transformed(by pose: Pose) -> ConvexPolygon {
        let c = cos(pose.angle), s = sin(pose.angle)
        return ConvexPolygon(vertices.map { p in SIMD2(c * p.x - s * p.y, s * p.x + c * p.y) + pose.position })
    }

    /// The area of the intersection with another convex polygon (Sutherland–Hodgman clipping).
    public func intersectionArea(with other: ConvexPolygon) -> Double {
        var subject = vertices
        var scratch: [SIMD2<Double>] = []
        return ConvexPolygon.clippedArea(&subject, by: other.vertices, scratch: &scratch)
    }

    /// Clips `subject` (convex, counter-clockwise) by the convex counter-clockwise `clipper` in place and
    /// returns the area left; `scratch` is working space. Allocates nothing once the buffers have grown.
    static func clippedArea(_ subject: inout [SIMD2<Double>], by clipper: [SIMD2<Double>],
                            scratch: inout [SIMD2<Double>]) -> Double {
        let m = clipper.count
        for i in 0..<m where !subject.isEmpty {
            let a = clipper[i], edge = clipper[(i + 1) % m] - a
            scratch.removeAll(keepingCapacity: true)
            for j in subject.indices {
                let p = subject[j], q = subject[(j + 1) % subject.count]
                let sp = cross(edge, p - a), sq = cross(edge, q - a)
                if sp >= 0 { scratch.append(p) }
                if (sp >= 0) != (sq >= 0) { scratch.append(p + (q - p) * (sp / (sp - sq))) }
            }
            swap(&subject, &scratch)
        }
        return subject.count >= 3 ? max(0, signedArea(subject)) : 0
    }

    /// The signed area of the polygon through `points` scaled by `scale` (positive when counter-clockwise).
    static func signedArea(_ points: [SIMD2<Double>], scale: Double = 1) -> Double {
        var sum = 0.0
        for i in points.indices {
            sum += cross(points[i] * scale, points[(i + 1) % points.count] * scale)
        }
        return sum / 2
    }
}

/// The z component of the 2D cross product `a × b`.
@inlinable
func cross(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
    a.x * b.y - a.y * b.x
}
