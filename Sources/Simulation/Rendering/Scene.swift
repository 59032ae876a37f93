import Foundation

/// One shape to draw, in its body's local frame (metres).
public enum SceneShape: Sendable, Equatable {
    /// A disc.
    case circle(center: SIMD2<Double>, radius: Double)
    /// A convex polygon, vertices counter-clockwise.
    case polygon([SIMD2<Double>])
    /// A capsule: the segment `a`–`b` thickened by `radius`.
    case segment(SIMD2<Double>, SIMD2<Double>, radius: Double)
}

/// A body to draw: shapes in its local frame, placed at `position` and rotated by `angle`.
public struct SceneBody: Sendable, Equatable {
    /// The body's name.
    public var name: String
    /// Robot, object or wall.
    public var role: BodyRole
    /// Position of the body's frame in the world (m).
    public var position: SIMD2<Double>
    /// Rotation of the body's frame (rad).
    public var angle: Double
    /// The shapes, in the body's frame.
    public var shapes: [SceneShape]
    /// Fill colour.
    public var color: RGB

    /// Creates a scene body.
    public init(name: String, role: BodyRole, position: SIMD2<Double>, angle: Double, shapes: [SceneShape], color: RGB) {
        self.name = name
        self.role = role
        self.position = position
        self.angle = angle
        self.shapes = shapes
        self.color = color
    }

    /// Maps a point of the body's frame to the world.
    public func worldPoint(_ local: SIMD2<Double>) -> SIMD2<Double> {
        let c = cos(angle), s = sin(angle)
        return SIMD2(c * local.x - s * local.y, s * local.x + c * local.y) + position
    }
}

/// The goal outline: the goal object's shapes at the goal pose.
public struct SceneGoal: Sendable, Equatable {
    /// Goal pose.
    public var position: SIMD2<Double>
    /// Goal heading (rad).
    public var angle: Double
    /// The goal object's shapes in its frame.
    public var shapes: [SceneShape]
    /// Fill colour.
    public var color: RGB
}

/// One lidar ray: from the sensor to the first hit (or the end of its range).
public struct LidarRay: Sendable, Equatable {
    /// Ray origin (m).
    public var origin: SIMD2<Double>
    /// Hit point, or the ray's end when nothing was hit (m).
    public var end: SIMD2<Double>
    /// Whether something was hit.
    public var hit: Bool
}

/// Everything needed to draw one frame, in world coordinates (metres).
///
/// The software rasterizer renders a `Scene` to pixels, and the SDL viewer draws the same structure.
/// Static bodies (walls) come first, then the robot, then the objects.
public struct Scene: Sendable, Equatable {
    /// Table width and depth (m); the table is centred on the origin.
    public var tableSize: SIMD2<Double>
    /// Table colour.
    public var tableColor: RGB
    /// Bodies in drawing order.
    public var bodies: [SceneBody]
    /// The goal outline, if the world has a goal.
    public var goal: SceneGoal?
    /// Lidar rays of the last observation, if the world has a lidar.
    public var lidarRays: [LidarRay]
    /// Robot–object contact points of the last physics step (m).
    public var contacts: [SIMD2<Double>]

    /// Creates a scene.
    public init(tableSize: SIMD2<Double>, tableColor: RGB, bodies: [SceneBody], goal: SceneGoal?,
                lidarRays: [LidarRay], contacts: [SIMD2<Double>]) {
        self.tableSize = tableSize
        self.tableColor = tableColor
        self.bodies = bodies
        self.goal = goal
        self.lidarRays = lidarRays
        self.contacts = contacts
    }

    /// A world point inside each non-wall body, by name: the centre of its first shape (disc centre,
    /// polygon vertex average, segment midpoint), for checking drawings at body centres.
    public var bodyCenters: [(name: String, role: BodyRole, position: SIMD2<Double>)] {
        bodies.filter { $0.role != .wall }.map { body in
            let local: SIMD2<Double>
            switch body.shapes.first {
            case let .circle(center, _)?: local = center
            case let .polygon(points)?: local = points.reduce(.zero, +) / Double(max(points.count, 1))
            case let .segment(a, b, _)?: local = (a + b) / 2
            case nil: local = .zero
            }
            return (body.name, body.role, body.worldPoint(local))
        }
    }
}
