/// The robot of one episode: builds its bodies in a world, turns actions into forces or motor rates.
///
/// Actions reach `setAction` already checked: finite, the right length, clamped to `actionSpace`.
protocol RobotController: AnyObject {
    /// The robot's bodies, base to tip (state order).
    var bodies: [PhysicsBody] { get }
    /// The point the robot acts with: pusher centre, arm tip, drive centre.
    var toolPosition: SIMD2<Double> { get }
    /// The action that keeps the robot where it is.
    var neutralAction: [Float] { get }
    /// Extra state entries after the bodies' (arm joints), with their labels.
    var extraStateLabels: [String] { get }
    /// Stores the action applied during the coming control step.
    func setAction(_ action: [Float])
    /// Applies forces before each physics step.
    func applyControl()
    /// The action that moves the tool toward `target`, inside the action bounds.
    func actionToward(_ target: SIMD2<Double>) -> [Float]
    /// Appends the extra state entries.
    func appendExtraState(to state: inout [Float])
}

extension RobotController {
    var extraStateLabels: [String] { [] }
    func appendExtraState(to state: inout [Float]) {}
}

extension WorldSpec {
    /// The action space of this world's robot.
    public var actionSpace: BoxSpace {
        switch robot {
        case let .pusher(p):
            let h = table.size / 2 - p.radius
            return BoxSpace(low: [Float(-h.x), Float(-h.y)], high: [Float(h.x), Float(h.y)], shape: [2])
        case let .arm(a):
            return BoxSpace(count: a.links.count, low: Float(-a.maxJointSpeed), high: Float(a.maxJointSpeed))
        case let .diffDrive(d):
            return BoxSpace(count: 2, low: Float(-d.maxWheelSpeed), high: Float(d.maxWheelSpeed))
        }
    }

    /// The names of the action entries.
    public var actionLabels: [String] {
        switch robot {
        case let .pusher(p): return ["\(p.name).target_x", "\(p.name).target_y"]
        case let .arm(a): return a.links.map { "\($0.name).joint_velocity" }
        case let .diffDrive(d): return ["\(d.name).left_wheel_speed", "\(d.name).right_wheel_speed"]
        }
    }
}

/// Clamps `value` into `low...high` elementwise into a Float action.
func clampedAction(_ values: [Double], to space: BoxSpace) -> [Float] {
    values.enumerated().map { i, v in min(max(Float(v), space.low[i]), space.high[i]) }
}
