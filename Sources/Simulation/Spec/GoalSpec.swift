/// A goal pose for one object; reward is the coverage of the goal outline by the object.
public struct GoalSpec: Codable, Sendable, Equatable {
    /// Name of the object that should reach the goal.
    public var object: String
    /// The goal pose.
    public var pose: Pose
    /// Coverage above which the episode succeeds and terminates (0...1).
    public var successCoverage: Double
    /// Render colour of the goal outline.
    public var color: RGB

    /// Creates a goal.
    public init(object: String, pose: Pose, successCoverage: Double, color: RGB) {
        self.object = object
        self.pose = pose
        self.successCoverage = successCoverage
        self.color = color
    }
}
