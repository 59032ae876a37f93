/// What a task asks for: one object at a pose, and optionally the robot at a position.
public struct TaskGoal: Sendable, Equatable {
    /// The name of the object (as in the world file and the state labels).
    public var object: String
    /// Where the object should be.
    public var pose: Pose
    /// Where the robot's first body (the state vector's first body: the pusher, the drive, the arm's
    /// first link) should be, if the task cares (m).
    public var robotPosition: SIMD2<Double>?

    /// A goal for `object` at `pose`, and optionally for the robot at `robotPosition`.
    public init(object: String, pose: Pose, robotPosition: SIMD2<Double>? = nil) {
        self.object = object
        self.pose = pose
        self.robotPosition = robotPosition
    }

    /// A world's own goal (its object and pose).
    public init(_ goal: GoalSpec) {
        self.init(object: goal.object, pose: goal.pose)
    }
}
