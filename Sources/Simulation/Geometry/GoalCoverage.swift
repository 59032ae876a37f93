import Foundation

/// How much of a goal outline a body covers: overlap area of its shapes with the goal's, over its area.
///
/// The body's shapes must not overlap each other (checked when the world file is loaded), so the
/// overlap is the sum over shape pairs. Scratch buffers are reused: measuring allocates nothing.
struct GoalCoverage {
    /// The body's convex shapes in its own frame.
    let shapes: [ConvexPolygon]
    /// The goal's convex shapes in the world.
    let targets: [ConvexPolygon]
    /// Total area of the body's shapes (m²).
    let area: Double
    private var subject: [SIMD2<Double>] = []
    private var scratch: [SIMD2<Double>] = []

    /// Coverage of `goal` (the nominal shapes at the goal pose) by `shapes` (the body at this episode's scale).
    init(shapes: [ConvexPolygon], goal: [ConvexPolygon]) {
        self.shapes = shapes
        targets = goal
        area = shapes.reduce(0) { $0 + $1.area }
        let capacity = 2 * (shapes.map(\.vertices.count).max() ?? 0) + 2 * (goal.map(\.vertices.count).max() ?? 0)
        subject.reserveCapacity(capacity)
        scratch.reserveCapacity(capacity)
    }

    /// The covered fraction of the body's area in [0, 1] with the body at `pose`.
    mutating func coverage(at pose: Pose) -> Double {
        let c = cos(pose.angle), s = sin(pose.angle)
        var overlap = 0.0
        for shape in shapes {
            for target in targets {
                subject.removeAll(keepingCapacity: true)
                for p in shape.vertices {
                    subject.append(SIMD2(c * p.x - s * p.y, s * p.x + c * p.y) + pose.position)
                }
                overlap += ConvexPolygon.clippedArea(&subject, by: target.vertices, scratch: &scratch)
            }
        }
        return min(1, overlap / area)
    }
}
