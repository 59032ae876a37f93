import CChipmunk

/// One Chipmunk space with the table's walls, owning every body, shape and constraint it creates.
///
/// A fresh `PhysicsWorld` is built for every episode (fixed time step, sleeping off, fixed
/// creation order), so an episode is a pure function of the spec and the seed.
final class PhysicsWorld {
    let space: OpaquePointer
    let staticBody: OpaquePointer
    let physics: PhysicsSpec
    let contacts = ContactMonitor()
    /// Static scene geometry (walls, arm base), drawn under everything else.
    private(set) var staticScene: [SceneBody] = []
    /// Bodies, shapes and constraints in creation order (the order a snapshot lists them in).
    private(set) var ownedBodies: [OpaquePointer] = []
    private(set) var ownedShapes: [OpaquePointer] = []
    private(set) var ownedConstraints: [OpaquePointer] = []
    /// Dynamic bodies whose speeds are capped after every physics step.
    private var cappedBodies: [OpaquePointer] = []

    init(physics: PhysicsSpec, table: TableSpec) {
        self.physics = physics
        space = ChipmunkBanner.newSpace()
        staticBody = cpSpaceGetStaticBody(space)
        cpSpaceSetIterations(space, Int32(physics.iterations))
        cpSpaceSetGravity(space, cpvzero)
        cpSpaceSetSleepTimeThreshold(space, .infinity)
        contacts.install(in: space)
        addWalls(table)
    }

    /// Frees the space first (its teardown still touches the bodies), then what it held.
    deinit {
        cpSpaceFree(space)
        for constraint in ownedConstraints { cpConstraintFree(constraint) }
        for shape in ownedShapes { cpShapeFree(shape) }
        for body in ownedBodies { cpBodyFree(body) }
    }

    /// Four capsule walls whose inner surfaces are the table's edges.
    private func addWalls(_ table: TableSpec) {
        let r = table.wallRadius
        let h = table.size / 2 + r
        let corners = [SIMD2(-h.x, -h.y), SIMD2(h.x, -h.y), SIMD2(h.x, h.y), SIMD2(-h.x, h.y)]
        var shapes: [SceneShape] = []
        for i in 0..<4 {
            let a = corners[i], b = corners[(i + 1) % 4]
            addStaticShape(cpSegmentShapeNew(staticBody, a.cp, b.cp, r)!,
                           ShapeMaterial(friction: 0.5, elasticity: 0, type: CollisionFilters.wallType,
                                         filter: CollisionFilters.wall))
            shapes.append(.segment(a, b, radius: r))
        }
        staticScene.append(SceneBody(name: "walls", role: .wall, position: .zero, angle: 0, shapes: shapes,
                                     color: table.wallColor))
    }

    /// Adds a shape of the static body to the space.
    func addStaticShape(_ shape: OpaquePointer, _ material: ShapeMaterial) {
        material.apply(to: shape)
        cpSpaceAddShape(space, shape)
        ownedShapes.append(shape)
    }

    /// Records static geometry to draw.
    func addStaticScene(_ body: SceneBody) {
        staticScene.append(body)
    }

    /// Creates a dynamic body from `recipe` at `pose` (not yet in the space; see `insert`).
    ///
    /// The mass is spread over the shapes by area; Chipmunk derives the centre of gravity and moment.
    func makeBody(_ recipe: BodyRecipe, at pose: Pose) -> (body: PhysicsBody, shapes: [OpaquePointer]) {
        let body = cpBodyNew(0, 0)!
        cpBodySetPosition(body, pose.position.cp)
        cpBodySetAngle(body, pose.angle)
        let areas = recipe.shapes.map { $0.area(scale: recipe.scale) }
        let totalArea = areas.reduce(0, +)
        var shapes: [OpaquePointer] = []
        for (spec, area) in zip(recipe.shapes, areas) {
            let shape = makeShape(spec, scale: recipe.scale, on: body)
            cpShapeSetMass(shape, recipe.mass * area / totalArea)
            recipe.material.apply(to: shape)
            shapes.append(shape)
        }
        let info = PhysicsBody(name: recipe.name, role: recipe.role, body: body,
                               shapes: recipe.shapes.map { $0.sceneShape(scale: recipe.scale) }, color: recipe.color,
                               extent: recipe.shapes.map { $0.extent(scale: recipe.scale) }.max() ?? 0)
        return (info, shapes)
    }

    /// A Chipmunk shape for `spec` on `body`, scaled by `scale` and grown by `margin` all around.
    func makeShape(_ spec: ShapeSpec, scale: Double, margin: Double = 0, on body: OpaquePointer) -> OpaquePointer {
        switch spec {
        case let .circle(radius, offset):
            return cpCircleShapeNew(body, radius * scale + margin, (offset * scale).cp)
        case .box, .polygon:
            let points = spec.polygonPoints(scale: scale).map(\.cp)
            return points.withUnsafeBufferPointer { buffer in
                cpPolyShapeNew(body, Int32(buffer.count), buffer.baseAddress, cpTransformIdentity, margin)
            }
        }
    }

    /// Adds a body made by `makeBody` and its shapes to the space; caps its speed when `capped`.
    func insert(_ body: PhysicsBody, shapes: [OpaquePointer], capped: Bool = true) {
        cpSpaceAddBody(space, body.body)
        ownedBodies.append(body.body)
        for shape in shapes {
            cpSpaceAddShape(space, shape)
            ownedShapes.append(shape)
        }
        if capped { cappedBodies.append(body.body) }
    }

    /// Adds a kinematic body (e.g. a drive's control body) to the space.
    func addKinematicBody() -> OpaquePointer {
        let body = cpBodyNewKinematic()!
        cpSpaceAddBody(space, body)
        ownedBodies.append(body)
        return body
    }

    /// Adds a constraint to the space.
    @discardableResult
    func add(_ constraint: OpaquePointer, maxForce: Double = .infinity, maxBias: Double = .infinity) -> OpaquePointer {
        cpConstraintSetMaxForce(constraint, maxForce)
        cpConstraintSetMaxBias(constraint, maxBias)
        cpSpaceAddConstraint(space, constraint)
        ownedConstraints.append(constraint)
        return constraint
    }

    /// Chipmunk's top-down friction: a pivot and a gear joint to the static body with zero bias and limited force.
    ///
    /// The joints drive the body's velocity toward zero with at most `coefficient · m · g` of force and
    /// `coefficient · m · g · k` of torque, where `k = √(I/m)` is the radius of gyration (close to the
    /// effective lever arm of uniform pressure over the footprint).
    func addGroundFriction(to body: OpaquePointer, coefficient: Double) {
        guard coefficient > 0 else { return }
        let mass = cpBodyGetMass(body)
        let force = coefficient * mass * physics.gravity
        let gyration = (cpBodyGetMoment(body) / mass).squareRoot()
        add(cpPivotJointNew2(staticBody, body, cpvzero, cpBodyGetCenterOfGravity(body)), maxForce: force, maxBias: 0)
        add(cpGearJointNew(staticBody, body, 0, 1), maxForce: force * gyration, maxBias: 0)
    }

    /// One physics step of `physics.timeStep`, then the speed caps.
    func step() {
        contacts.beginPhysicsStep()
        cpSpaceStep(space, physics.timeStep)
        capSpeeds()
    }

    private func capSpeeds() {
        let maxSpeed = physics.maxSpeed, maxSpin = physics.maxAngularSpeed
        for body in cappedBodies {
            let v = cpBodyGetVelocity(body)
            let speedSquared = v.x * v.x + v.y * v.y
            if speedSquared > maxSpeed * maxSpeed {
                let k = maxSpeed / speedSquared.squareRoot()
                cpBodySetVelocity(body, cpVect(x: v.x * k, y: v.y * k))
            }
            let w = cpBodyGetAngularVelocity(body)
            if abs(w) > maxSpin { cpBodySetAngularVelocity(body, w > 0 ? maxSpin : -maxSpin) }
        }
    }
}
