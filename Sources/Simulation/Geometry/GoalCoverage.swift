import Foundation

/// How much of a goal outline a body covers: overlap area of its shapes with the goal's, over its area.
///
/// The body's shapes must not overlap each other (checked when the world file is loaded), so the
/// overlap is the sum over shape pairs. Scratch buffers are reused: measuring allocates nothing.
struct GoalCoverage: Sendable {
    /// The body's convex shapes in its own frame, at the world file's size.
    let shapes: [ConvexPolygon]
    /// The goal's convex shapes in the world.
    let targets: [ConvexPolygon]
    private var subject: [SIMD2<Double>] = []
    private var scratch: [SIMD2<Double>] = []

    /// Coverage of `goal` (the nominal shapes at the goal pose) by `shapes` (the body at the world file's size).
    init(shapes: [ConvexPolygon], goal: [ConvexPolygon]) {
        self.shapes = shapes
        targets = goal
        let capacity = 2 * (shapes.map(\.vertices.count).max() ?? 0) + 2 * (goal.map(\.vertices.count).max() ?? 0)
        subject.reserveCapacity(capacity)
        scratch.reserveCapacity(capacity)
    }

    /// The covered fraction of the body's area in [0, 1] with the body at `pose`, scaled by `scale` about its origin.
    ///
    /// The vertices are scaled before they are rotated and moved, exactly as `ConvexPolygon(shape:scale:)`
    /// scales them, so the episode's body and a state vector's pose and scale give the same number.
    mutating func coverage(at pose: Pose, scale: Double) -> Double {
        let c = cos(pose.angle), s = sin(pose.angle)
        var overlap = 0.0, area = 0.0
        for shape in shapes {
            area += ConvexPolygon.signedArea(shape.vertices, scale: scale)
            for target in targets {
                subject.removeAll(keepingCapacity: true)
                for vertex in shape.vertices {
                    let p = vertex * scale
                    subject.append(SIMD2(c * p.x - s * p.y, s * p.x + c * p.y) + pose.position)
                }
                overlap += ConvexPolygon.clippedArea(&subject, by: target.vertices, scratch: &scratch)
            }
        }
        return min(1, overlap / area)
    }
}

extension GoalCoverage {
    /// Coverage of `object`'s outline at the `goal` pose by the object itself.
    init(object: ObjectSpec, goal: Pose) {
        self.init(shapes: object.shapes.map { ConvexPolygon(shape: $0) },
                  goal: object.shapes.map { ConvexPolygon(shape: $0).transformed(by: goal) })
    }
}
