import Foundation

/// A position and heading in the table frame.
public struct Pose: Codable, Sendable, Equatable {
    /// Position (m).
    public var position: SIMD2<Double>
    /// Heading (rad, counter-clockwise).
    public var angle: Double

    /// Creates a pose.
    public init(position: SIMD2<Double>, angle: Double = 0) {
        self.position = position
        self.angle = angle
    }
}

/// One collision shape of a body, in the body's frame.
public enum ShapeSpec: Codable, Sendable, Equatable {
    /// A disc of `radius` centred at `offset`.
    case circle(radius: Double, offset: SIMD2<Double>)
    /// A `size.x × size.y` rectangle centred at `offset` and rotated by `angle`.
    case box(size: SIMD2<Double>, offset: SIMD2<Double>, angle: Double)
    /// A convex polygon (vertices in counter-clockwise order).
    case polygon(points: [SIMD2<Double>])

    /// The shape as a scene shape, scaled by `scale` about the body origin.
    public func sceneShape(scale: Double = 1) -> SceneShape {
        switch self {
        case let .circle(radius, offset):
            return .circle(center: offset * scale, radius: radius * scale)
        case .box, .polygon:
            return .polygon(polygonPoints(scale: scale))
        }
    }

    /// The vertices of a box or polygon (counter-clockwise), scaled by `scale`; empty for a circle.
    public func polygonPoints(scale: Double = 1) -> [SIMD2<Double>] {
        switch self {
        case .circle:
            return []
        case let .box(size, offset, angle):
            let c = cos(angle), s = sin(angle)
            let h = size / 2
            return [SIMD2(-h.x, -h.y), SIMD2(h.x, -h.y), SIMD2(h.x, h.y), SIMD2(-h.x, h.y)].map { p in
                (SIMD2(c * p.x - s * p.y, s * p.x + c * p.y) + offset) * scale
            }
        case let .polygon(points):
            return points.map { $0 * scale }
        }
    }

    /// The area (m²) at `scale`.
    public func area(scale: Double = 1) -> Double {
        switch self {
        case let .circle(radius, _):
            return Double.pi * radius * radius * scale * scale
        case .box, .polygon:
            return ConvexPolygon(polygonPoints(scale: scale)).area
        }
    }

    /// The largest distance of the shape from the body origin (m) at `scale`.
    public func extent(scale: Double = 1) -> Double {
        switch self {
        case let .circle(radius, offset):
            return ((offset * offset).sum().squareRoot() + radius) * scale
        case .box, .polygon:
            return polygonPoints(scale: scale).map { ($0 * $0).sum().squareRoot() }.max() ?? 0
        }
    }
}

/// A movable object: one rigid body made of one or more shapes.
public struct ObjectSpec: Codable, Sendable, Equatable {
    /// Unique name (used in state labels: `<name>.x`).
    public var name: String
    /// The collision shapes, in the body frame.
    public var shapes: [ShapeSpec]
    /// Total mass (kg), spread over the shapes by area.
    public var mass: Double
    /// Contact friction coefficient with other bodies.
    public var friction: Double
    /// Restitution (0 = plastic, 1 = elastic).
    public var elasticity: Double
    /// Ground friction coefficient; the table's when absent.
    public var groundFriction: Double?
    /// Nominal pose (used when randomisation is off or cannot place the object).
    public var pose: Pose
    /// Render colour.
    public var color: RGB

    /// Creates an object.
    public init(name: String, shapes: [ShapeSpec], mass: Double, friction: Double, elasticity: Double,
                groundFriction: Double?, pose: Pose, color: RGB) {
        self.name = name
        self.shapes = shapes
        self.mass = mass
        self.friction = friction
        self.elasticity = elasticity
        self.groundFriction = groundFriction
        self.pose = pose
        self.color = color
    }
}
