import CChipmunk

/// A Chipmunk body the world created, with what is needed to observe and draw it.
struct PhysicsBody {
    /// The body's name (state-label prefix).
    let name: String
    /// Robot or object.
    let role: BodyRole
    /// The `cpBody*`.
    let body: OpaquePointer
    /// Shapes in the body frame, for drawing.
    let shapes: [SceneShape]
    /// Fill colour.
    let color: RGB
    /// Largest distance of a shape point from the body origin (m).
    let extent: Double

    /// Position of the body's origin (m).
    var position: SIMD2<Double> { SIMD2(cpBodyGetPosition(body)) }
    /// Heading (rad).
    var angle: Double { cpBodyGetAngle(body) }
    /// Velocity of the body's origin (m/s).
    var velocity: SIMD2<Double> { SIMD2(cpBodyGetVelocityAtWorldPoint(body, cpBodyGetPosition(body))) }
    /// Angular velocity (rad/s).
    var angularVelocity: Double { cpBodyGetAngularVelocity(body) }
}

/// Surface and collision settings shared by a body's shapes.
struct ShapeMaterial {
    var friction: Double
    var elasticity: Double
    var type: cpCollisionType
    var filter: cpShapeFilter

    /// Sets friction, elasticity, collision type and filter on `shape`.
    func apply(to shape: OpaquePointer) {
        cpShapeSetFriction(shape, friction)
        cpShapeSetElasticity(shape, elasticity)
        cpShapeSetCollisionType(shape, type)
        cpShapeSetFilter(shape, filter)
    }
}

/// How to build one rigid body from shape specs.
struct BodyRecipe {
    var name: String
    var role: BodyRole
    var shapes: [ShapeSpec]
    /// Geometric scale applied to the shapes.
    var scale: Double = 1
    /// Total mass (kg), spread over the shapes by area.
    var mass: Double
    var material: ShapeMaterial
    var color: RGB
}
