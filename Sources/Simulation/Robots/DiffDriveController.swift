import CChipmunk
import Foundation

/// A differential-drive disc (action = left and right wheel speeds in m/s).
///
/// Wheel traction follows Chipmunk's tank recipe: a kinematic control body moves at the wheel-implied
/// velocity (forward speed along the heading, no sideways slip, yaw rate) and a pivot plus a gear joint
/// with zero bias and limited force drag the chassis along.
final class DiffDriveController: RobotController {
    private let spec: DiffDriveSpec
    private let space: BoxSpace
    private let body: PhysicsBody
    private let control: OpaquePointer
    private var wheels: (left: Double, right: Double) = (0, 0)

    init(spec: DiffDriveSpec, actionSpace: BoxSpace, world: PhysicsWorld, pose: Pose) {
        self.spec = spec
        space = actionSpace
        body = world.addMobileRobot(name: spec.name, shapes: DiffDriveController.shapes(spec), mass: spec.mass,
                                    friction: spec.friction, color: spec.color, at: pose)
        control = world.addKinematicBody()
        cpBodySetPosition(control, pose.position.cp)
        world.add(cpPivotJointNew2(control, body.body, cpvzero, cpvzero), maxForce: spec.maxForce, maxBias: 0)
        world.add(cpGearJointNew(control, body.body, 0, 1), maxForce: spec.maxTorque, maxBias: 0)
    }

    /// The chassis disc with a bumper nose pointing along the heading (so images show the heading).
    static func shapes(_ spec: DiffDriveSpec) -> [ShapeSpec] {
        let r = spec.radius
        return [.circle(radius: r, offset: .zero),
                .polygon(points: [SIMD2(0.5 * r, -0.45 * r), SIMD2(1.35 * r, 0), SIMD2(0.5 * r, 0.45 * r)])]
    }

    var bodies: [PhysicsBody] { [body] }
    var toolPosition: SIMD2<Double> { body.position }
    var neutralAction: [Float] { [0, 0] }

    func setAction(_ action: [Float]) {
        wheels = (Double(action[0]), Double(action[1]))
    }

    func applyControl() {
        let heading = cpBodyGetAngle(body.body)
        let forward = (wheels.left + wheels.right) / 2
        let yawRate = (wheels.right - wheels.left) / spec.trackWidth
        cpBodySetVelocity(control, cpv(forward * cos(heading), forward * sin(heading)))
        cpBodySetAngularVelocity(control, yawRate)
    }

    /// Turn toward the target, driving forward only when roughly facing it.
    func actionToward(_ target: SIMD2<Double>) -> [Float] {
        let offset = target - body.position
        let heading = cpBodyGetAngle(body.body)
        let bearing = remainder(atan2(offset.y, offset.x) - heading, 2 * Double.pi)
        let forward = abs(bearing) < Double.pi / 2 ? min(spec.maxWheelSpeed, 3 * offset.length) * cos(bearing) : 0
        let turn = 3 * bearing * spec.trackWidth / 2
        var left = forward - turn, right = forward + turn
        let largest = max(abs(left), abs(right))
        if largest > spec.maxWheelSpeed {
            left *= spec.maxWheelSpeed / largest
            right *= spec.maxWheelSpeed / largest
        }
        return clampedAction([left, right], to: space)
    }
}
