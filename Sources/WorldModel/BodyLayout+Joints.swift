import TensorCore

/// Jointed robots in the body frame: an arm's links as bodies whose joint angle and velocity are per-body fields.
///
/// The simulator reports link `i`'s joint as its angle and angular velocity relative to the previous link
/// (the table for the first). The last link is the layout's robot (its offset and velocity in every row).
/// Each link's input row carries its own joint (zeros for bodies without one), and every row carries every
/// link's heading in its frame (with the links' offsets, where each link lies, the last one's far end
/// included, which no offset gives). The joint is not a target of its own: applying a step turns it by the
/// link's predicted turn less its parent's, and sets its velocity to the link's new angular velocity less
/// its parent's, so the joints always agree with the links' poses.
extension BodyLayout {
    /// One body's joint: its state columns and the body it turns relative to.
    public struct Joint: Sendable, Equatable {
        /// State columns of the joint angle and joint velocity.
        public var angle: Int, velocity: Int
        /// The parent link's body index (nil: jointed to the table).
        public var parent: Int?
    }

    /// Field names of a joint, as the simulator labels them.
    static let jointFieldNames = (angle: "joint_angle", velocity: "joint_velocity")

    /// Whether any body has a joint.
    var hasJoints: Bool { joints.contains { $0 != nil } }

    /// Removes every body's joint fields from `byBody` and returns the joints in body order (each link's parent is the
    /// previous jointed body); nil when a body has only one of the two joint fields.
    static func takeJoints(from byBody: inout [String: [(field: String, column: Int)]], order: [String]) -> [Joint?]? {
        var joints: [Joint?] = []
        var previous: Int?
        for (index, body) in order.enumerated() {
            let fields = byBody[body]!
            let angle = fields.first { $0.field == jointFieldNames.angle }, velocity = fields.first { $0.field == jointFieldNames.velocity }
            byBody[body] = fields.filter { $0.field != jointFieldNames.angle && $0.field != jointFieldNames.velocity }
            switch (angle, velocity) {
            case let (angle?, velocity?):
                joints.append(Joint(angle: angle.column, velocity: velocity.column, parent: previous))
                previous = index
            case (nil, nil): joints.append(nil)
            default: return nil
            }
        }
        return joints
    }

    /// The joint angle and velocity of `body` in row `n` of `states` (zeros without a joint).
    func jointInputs(_ states: Matrix, row n: Int, body: Int) -> (angle: Float, velocity: Float) {
        guard let joint = joints[body] else { return (0, 0) }
        return (states[n, joint.angle], states[n, joint.velocity])
    }

    /// Entries the joints add to a body-frame input row: the body's own joint, then every link's heading.
    var jointInputSize: Int { hasJoints ? 2 + 2 * joints.compactMap { $0 }.count : 0 }

    /// Moves every joint of `states` (whose links already took the step) by body-frame `predictions` `[N * bodies, 6]`.
    func applyJoints(_ predictions: Matrix, to states: inout Matrix) {
        let omega = poseFields!.omega, b = bodyCount
        for n in 0..<states.rows {
            for (body, joint) in joints.enumerated() {
                guard let joint else { continue }
                let parentTurn = joint.parent.map { predictions[n * b + $0, 2] } ?? 0
                let parentOmega = joint.parent.map { states[n, columns[$0][omega]] } ?? 0
                states[n, joint.angle] += predictions[n * b + body, 2] - parentTurn
                states[n, joint.velocity] = states[n, columns[body][omega]] - parentOmega
            }
        }
    }
}
