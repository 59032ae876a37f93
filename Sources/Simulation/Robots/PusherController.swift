import CChipmunk

/// A disc pushed toward a target position by a PD force controller (action = target x, y in m).
final class PusherController: RobotController {
    private let spec: PusherSpec
    private let space: BoxSpace
    private let body: PhysicsBody
    private var target: SIMD2<Double>

    init(spec: PusherSpec, actionSpace: BoxSpace, world: PhysicsWorld, pose: Pose) {
        self.spec = spec
        space = actionSpace
        body = world.addMobileRobot(name: spec.name, shapes: [.circle(radius: spec.radius, offset: .zero)], mass: spec.mass,
                                    friction: spec.friction, color: spec.color, at: pose)
        target = pose.position
    }

    var bodies: [PhysicsBody] { [body] }
    var toolPosition: SIMD2<Double> { body.position }
    var neutralAction: [Float] { clampedAction([toolPosition.x, toolPosition.y], to: space) }

    func setAction(_ action: [Float]) {
        target = SIMD2(Double(action[0]), Double(action[1]))
    }

    func applyControl() {
        let p = SIMD2(cpBodyGetPosition(body.body)), v = SIMD2(cpBodyGetVelocity(body.body))
        var force = spec.stiffness * (target - p) - spec.damping * v
        let magnitude = force.length
        if magnitude > spec.maxForce { force *= spec.maxForce / magnitude }
        cpBodySetForce(body.body, force.cp)
    }

    func actionToward(_ target: SIMD2<Double>) -> [Float] {
        clampedAction([target.x, target.y], to: space)
    }
}
