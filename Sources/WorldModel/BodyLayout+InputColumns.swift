/// What each column of a body's input row and target row means, so that two layouts' columns can be matched
/// (`BodyLayoutMapping`) instead of being compared by position.
///
/// The meanings follow the order in which `worldFrameInputs` and `bodyFrameInputs` write a row; bodies are named
/// by their index in this layout. A column may mean another thing in another body's row: the body frame's
/// trailing block holds "the offset of every other body", so its first pair is the first object's offset in
/// the robot's row but the robot's offset in an object's row.
extension BodyLayout {
    /// What an action entry is.
    public enum ActionKind: Hashable, Sendable {
        /// A target point in world coordinates (a pusher's).
        case targetPoint
        /// A differential drive's left and right wheel speeds.
        case wheelSpeeds
        /// Anything else (an arm's joint commands, ...).
        case other
    }

    /// A 2-D vector a body-frame row holds in the row body's frame.
    public enum LocalVector: Hashable, Sendable {
        /// The row body's velocity.
        case ownVelocity
        /// The robot's position minus the row body's.
        case robotOffset
        /// The robot's velocity.
        case robotVelocity
        /// The action's target point minus the row body's position.
        case actionTarget
        /// The robot's heading (with a wheel action).
        case robotHeading
        /// The velocity the wheel action commands.
        case commandedVelocity
        /// The heading of link `body` (jointed robots).
        case linkHeading(body: Int)
        /// The position of `body` minus the row body's.
        case offset(body: Int)
    }

    /// The meaning of one input column in one body's row.
    public enum InputColumn: Hashable, Sendable {
        /// 1 in the row of `body`, 0 in every other row.
        case indicator(body: Int)
        /// The row body's state field of this name, as stored (world coordinates; in the body frame its world pose and constants).
        case ownField(String)
        /// The robot's state field of this name, as stored.
        case robotField(String)
        /// Action entry `index` of an action of `kind`.
        case action(ActionKind, index: Int)
        /// Component `axis` (0: x, 1: y) of a vector in the row body's frame.
        case local(LocalVector, axis: Int)
        /// The wheel action's turn command, right − left.
        case wheelTurn
        /// Component `axis` of the row body's position minus the robot's, in world coordinates (world frame).
        case robotRelativePosition(axis: Int)
        /// The row body's joint angle relative to its parent (zero without a joint).
        case jointAngle
        /// The row body's joint velocity relative to its parent (zero without a joint).
        case jointVelocity
    }

    /// The kind of this layout's actions.
    public var actionKind: ActionKind { pointAction ? .targetPoint : wheelAction ? .wheelSpeeds : .other }

    /// The meaning of every column of `body`'s input row for `actionSize`-dimensional actions (`inputSize` entries).
    public func inputColumns(row body: Int, actionSize: Int) -> [InputColumn] {
        let indicators = (0..<bodyCount).map { InputColumn.indicator(body: $0) }
        let actions = (0..<actionSize).map { InputColumn.action(actionKind, index: $0) }
        func vector(_ v: LocalVector) -> [InputColumn] { [.local(v, axis: 0), .local(v, axis: 1)] }
        switch frame {
        case .world:
            return indicators + fields.map(InputColumn.ownField) + fields.map(InputColumn.robotField) + actions
                + [.robotRelativePosition(axis: 0), .robotRelativePosition(axis: 1)]
        case .body:
            let f = poseFields!
            var row = indicators + vector(.ownVelocity) + [.ownField(fields[f.omega])] + vector(.robotOffset)
                + vector(.robotVelocity) + [.robotField(fields[f.omega])] + actions
            if pointAction { row += vector(.actionTarget) }
            if wheelAction { row += vector(.robotHeading) + vector(.commandedVelocity) + [.wheelTurn] }
            row += [f.x, f.y, f.cos, f.sin].map { InputColumn.ownField(fields[$0]) } + constantFields.map { .ownField(fields[$0]) }
            if hasJoints {
                row += [.jointAngle, .jointVelocity]
                for link in joints.indices where joints[link] != nil { row += vector(.linkHeading(body: link)) }
            }
            for other in 0..<bodyCount where other != body { row += vector(.offset(body: other)) }
            return row
        }
    }

    /// The name of each entry of a target row: the field changes (world frame) or the body-frame step.
    public var targetColumns: [String] {
        frame == .world ? fields.map { "Δ\($0)" } : ["displacement.x", "displacement.y", "turn", "velocity.x", "velocity.y", "Δomega"]
    }

    /// `column` in words, bodies by name (for logs).
    public func describe(_ column: InputColumn) -> String {
        switch column {
        case let .indicator(body): return "is \(bodyNames[body])"
        case let .ownField(name): return "own \(name)"
        case let .robotField(name): return "robot \(name)"
        case let .action(_, index): return "action[\(index)]"
        case let .local(vector, axis):
            let component = axis == 0 ? "x" : "y"
            switch vector {
            case .ownVelocity: return "own velocity.\(component)"
            case .robotOffset: return "robot offset.\(component)"
            case .robotVelocity: return "robot velocity.\(component)"
            case .actionTarget: return "action target offset.\(component)"
            case .robotHeading: return "robot heading.\(component)"
            case .commandedVelocity: return "commanded velocity.\(component)"
            case let .linkHeading(body): return "\(bodyNames[body]) heading.\(component)"
            case let .offset(body): return "\(bodyNames[body]) offset.\(component)"
            }
        case .wheelTurn: return "wheel turn"
        case let .robotRelativePosition(axis): return "position − robot's.\(axis == 0 ? "x" : "y")"
        case .jointAngle: return "joint angle"
        case .jointVelocity: return "joint velocity"
        }
    }
}
