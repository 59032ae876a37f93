import Foundation

/// How far a pose is from another: metres of position error plus weighted radians of heading error.
///
/// `distance = positionWeight · |p − p_goal| + headingWeight · |θ − θ_goal|`, the heading error wrapped
/// into [0, π]. By default 1 per metre and 0.1 per radian, so a quarter turn (π/2) costs about as much
/// as 16 cm. Object symmetries are not taken into account: a square block a quarter turn off is π/2 off.
public struct PoseDistance: Sendable, Equatable {
    /// Cost per metre of position error.
    public var positionWeight: Double
    /// Cost per radian of heading error.
    public var headingWeight: Double

    /// A distance with the given weights (per metre, per radian).
    public init(positionWeight: Double = 1, headingWeight: Double = 0.1) {
        self.positionWeight = positionWeight
        self.headingWeight = headingWeight
    }

    /// The weighted distance of `pose` from `goal`.
    public func callAsFunction(_ pose: Pose, _ goal: Pose) -> Double {
        positionWeight * Self.positionError(pose, goal) + headingWeight * Self.headingError(pose, goal)
    }

    /// The distance between the positions (m).
    public static func positionError(_ pose: Pose, _ goal: Pose) -> Double {
        let offset = pose.position - goal.position
        return (offset * offset).sum().squareRoot()
    }

    /// The smallest rotation from one heading to the other, in [0, π] (rad).
    public static func headingError(_ pose: Pose, _ goal: Pose) -> Double {
        abs(remainder(pose.angle - goal.angle, 2 * Double.pi))
    }
}
