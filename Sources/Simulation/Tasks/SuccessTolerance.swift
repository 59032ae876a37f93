/// How close to its goal a task counts as done.
///
/// The defaults are the planning protocols' (Push-T style): the object within 2.5 cm and 20° of its
/// goal pose, and, when the goal names a robot position, the robot within 2.5 cm of it.
public struct SuccessTolerance: Sendable, Equatable {
    /// The largest position error of the object (m).
    public var position: Double
    /// The largest heading error of the object (rad).
    public var heading: Double
    /// The largest distance of the robot from its goal position (m), when the goal has one.
    public var robotPosition: Double

    /// A tolerance; the defaults are `planning`'s.
    public init(position: Double = 0.025, heading: Double = 20 * Double.pi / 180, robotPosition: Double = 0.025) {
        self.position = position
        self.heading = heading
        self.robotPosition = robotPosition
    }

    /// 2.5 cm and 20° for the object, 2.5 cm for the robot.
    public static let planning = SuccessTolerance()
}
