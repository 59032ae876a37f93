import CChipmunk

/// A planar arm: capsule links on pivot joints, velocity motors with a torque limit, rotary limits.
///
/// Action = joint velocities (rad/s), each relative to the parent link. The links share the robot's
/// collision group (they never collide with each other or the base) and pass over the walls.
final class ArmController: RobotController {
    private let spec: ArmSpec
    private let space: BoxSpace
    private(set) var bodies: [PhysicsBody] = []
    private var motors: [OpaquePointer] = []

    init(spec: ArmSpec, actionSpace: BoxSpace, world: PhysicsWorld) {
        self.spec = spec
        space = actionSpace
        let material = ShapeMaterial(friction: spec.friction, elasticity: 0, type: CollisionFilters.robotType,
                                     filter: CollisionFilters.armPart)
        world.addStaticShape(cpCircleShapeNew(world.staticBody, spec.baseRadius, spec.base.cp)!, material)
        world.addStaticScene(SceneBody(name: "\(spec.name).base", role: .wall, position: spec.base, angle: 0,
                                       shapes: [.circle(center: .zero, radius: spec.baseRadius)], color: spec.color))
        var parent = world.staticBody
        var joint = spec.base
        var heading = 0.0
        for link in spec.links {
            heading += link.angle
            let made = makeLink(link, material: material, world: world, pose: Pose(position: joint, angle: heading))
            world.add(cpPivotJointNew(parent, made.body, joint.cp))
            world.add(cpRotaryLimitJointNew(parent, made.body, link.limits.lowerBound, link.limits.upperBound))
            motors.append(world.add(cpSimpleMotorNew(parent, made.body, 0), maxForce: spec.maxTorque))
            bodies.append(made)
            parent = made.body
            joint += SIMD2(link.length, 0).rotated(by: heading)
        }
    }

    /// A link: a capsule from its joint (the body origin) along +x, mass on the shape.
    private func makeLink(_ link: LinkSpec, material: ShapeMaterial, world: PhysicsWorld, pose: Pose) -> PhysicsBody {
        let body = cpBodyNew(0, 0)!
        cpBodySetPosition(body, pose.position.cp)
        cpBodySetAngle(body, pose.angle)
        let end = SIMD2(link.length, 0)
        let shape = cpSegmentShapeNew(body, cpvzero, end.cp, link.width / 2)!
        cpShapeSetMass(shape, link.mass)
        material.apply(to: shape)
        let info = PhysicsBody(name: link.name, role: .robot, body: body,
                               shapes: [.segment(.zero, end, radius: link.width / 2)], color: spec.color,
                               extent: link.length + link.width / 2)
        world.insert(info, shapes: [shape])
        return info
    }

    var toolPosition: SIMD2<Double> {
        let last = bodies[bodies.count - 1]
        return SIMD2(cpBodyLocalToWorld(last.body, cpv(spec.links[spec.links.count - 1].length, 0)))
    }

    var neutralAction: [Float] { Array(repeating: 0, count: spec.links.count) }

    var extraStateLabels: [String] {
        spec.links.map { "\($0.name).joint_angle" } + spec.links.map { "\($0.name).joint_velocity" }
    }

    func appendExtraState(to state: inout [Float]) {
        var previous = 0.0
        for link in bodies {
            let a = cpBodyGetAngle(link.body)
            state.append(Float(a - previous))
            previous = a
        }
        previous = 0
        for link in bodies {
            let w = cpBodyGetAngularVelocity(link.body)
            state.append(Float(w - previous))
            previous = w
        }
    }

    func setAction(_ action: [Float]) {
        // Chipmunk's simple motor drives (b.w - a.w) toward -rate.
        for (motor, rate) in zip(motors, action) { cpSimpleMotorSetRate(motor, -Double(rate)) }
    }

    func applyControl() {}

    /// Damped least squares on the tip Jacobian: dq = Jᵀ (J Jᵀ + λ² I)⁻¹ · gain · (target − tip).
    func actionToward(_ target: SIMD2<Double>) -> [Float] {
        let tip = toolPosition
        let error = (target - tip) * 4.0
        let joints = bodies.map { SIMD2(cpBodyGetPosition($0.body)) }
        let columns = joints.map { p -> SIMD2<Double> in let r = tip - p; return SIMD2(-r.y, r.x) }
        let lambda2 = 0.01
        var a = lambda2, b = 0.0, d = lambda2
        for c in columns {
            a += c.x * c.x
            b += c.x * c.y
            d += c.y * c.y
        }
        let det = a * d - b * b
        let y = SIMD2(d * error.x - b * error.y, -b * error.x + a * error.y) / det
        var rates = columns.map { ($0 * y).sum() }
        let largest = rates.map(abs).max() ?? 0
        if largest > spec.maxJointSpeed { rates = rates.map { $0 * spec.maxJointSpeed / largest } }
        return clampedAction(rates, to: space)
    }
}
