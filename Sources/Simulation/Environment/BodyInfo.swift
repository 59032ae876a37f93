/// What a body is, for observers and drawing.
public enum BodyRole: String, Codable, Sendable {
    /// Part of the robot.
    case robot
    /// A movable object.
    case object
    /// Static geometry (walls, the arm's base).
    case wall
}

/// A body of the state vector: its name (the label prefix) and role.
public struct BodyInfo: Sendable, Equatable, Codable {
    /// The body's name.
    public var name: String
    /// Robot or object.
    public var role: BodyRole
}
