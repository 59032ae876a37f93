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
        let recipe = BodyRecipe(name: spec.name, role: .robot, shapes: [.circle(radius: spec.radius, offset: .zero)],
                                mass: spec.mass, material: ShapeMaterial(friction: spec.friction, elasticity: 0,
                                    type: CollisionFilters.robotType, filter: CollisionFilters.mobileRobot),
                                color: spec.color)
        let made = world.makeBody(recipe, at: pose)
        world.insert(made.body, shapes: made.shapes)
        body = made.body
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
