/// A task's cost of flat state vectors, true or predicted: 0 at the goal, larger further from it.
///
/// Reads the goal object's pose (and size scale) from the state entries `<object>.x`, `.y`, `.cos`,
/// `.sin`, `.scale`, so a learned model's predicted states can be scored like the environment's.
/// Scoring allocates nothing; it is `mutating` because coverage reuses scratch buffers (copy the
/// value to score on several threads).
public struct TaskCost: Sendable {
    /// What the cost measures.
    public enum Measure: Sendable, Equatable {
        /// `1 − coverage` of the object's outline at the goal pose by the object (the environment's
        /// reward for a world with a goal, such as push-tee).
        case coverage
        /// The `PoseDistance` of the object's pose from the goal pose.
        case poseDistance(PoseDistance)
    }

    /// The goal.
    public let goal: TaskGoal
    /// What `cost(of:)` measures.
    public let measure: Measure
    /// When `isSuccess` holds.
    public var tolerance: SuccessTolerance
    /// The number of entries of a state vector.
    public let stateWidth: Int
    private let object: BodyStateColumns
    private let robot: BodyStateColumns?
    private var meter: GoalCoverage?

    /// The cost of reaching `goal` (by default the world's own goal) in `spec`'s world, for states labelled `stateLabels`.
    ///
    /// - Throws: `TaskCostError` when no goal is given and the world has none, when the goal's
    ///   object is not in the world, or when the labels lack an entry the cost reads.
    public init(spec: WorldSpec, stateLabels: [String], goal: TaskGoal? = nil, measure: Measure = .coverage,
                tolerance: SuccessTolerance = .planning) throws(TaskCostError) {
        guard let goal = goal ?? spec.goal.map(TaskGoal.init) else { throw .noGoal(world: spec.name) }
        guard let objectSpec = spec.objects.first(where: { $0.name == goal.object }) else {
            throw .unknownObject(goal.object, world: spec.name, objects: spec.objects.map(\.name))
        }
        object = try BodyStateColumns(body: goal.object, labels: stateLabels)
        if goal.robotPosition != nil {
            robot = try BodyStateColumns(body: BodyStateColumns.robotName(labels: stateLabels), labels: stateLabels)
        } else {
            robot = nil
        }
        if case .coverage = measure { meter = GoalCoverage(object: objectSpec, goal: goal.pose) }
        self.goal = goal
        self.measure = measure
        self.tolerance = tolerance
        stateWidth = stateLabels.count
    }

    /// The cost of one state vector of `stateWidth` entries.
    public mutating func cost(of state: UnsafeBufferPointer<Float>) -> Double {
        precondition(state.count == stateWidth, "a state of \(state.count) entries, the task's states have \(stateWidth)")
        switch measure {
        case .coverage: return 1 - coverage(at: object.pose(in: state), scale: object.scale(in: state))
        case let .poseDistance(distance): return distance(object.pose(in: state), goal.pose)
        }
    }

    /// The cost of one state vector of `stateWidth` entries.
    public mutating func cost(of state: [Float]) -> Double {
        state.withUnsafeBufferPointer { cost(of: $0) }
    }

    /// The covered fraction of the goal outline by the object in `state`, in [0, 1] (`Measure.coverage` only).
    ///
    /// The same number `Environment` reports as `info.coverage` for the state's true pose, up to the
    /// state's `Float` rounding.
    public mutating func coverage(of state: [Float]) -> Double {
        precondition(state.count == stateWidth, "a state of \(state.count) entries, the task's states have \(stateWidth)")
        return state.withUnsafeBufferPointer { coverage(at: object.pose(in: $0), scale: object.scale(in: $0)) }
    }

    /// The covered fraction of the goal outline by the object at `pose`, scaled by `scale`.
    mutating func coverage(at pose: Pose, scale: Double) -> Double {
        precondition(meter != nil, "coverage needs a task cost measuring coverage")
        return meter!.coverage(at: pose, scale: scale)
    }

    /// Whether `state` reaches the goal within `tolerance`: the object's position and heading, and the robot's position if the goal has one.
    public func isSuccess(_ state: UnsafeBufferPointer<Float>) -> Bool {
        precondition(state.count == stateWidth, "a state of \(state.count) entries, the task's states have \(stateWidth)")
        let pose = object.pose(in: state)
        guard PoseDistance.positionError(pose, goal.pose) <= tolerance.position,
              PoseDistance.headingError(pose, goal.pose) <= tolerance.heading else { return false }
        guard let robot, let target = goal.robotPosition else { return true }
        return PoseDistance.positionError(robot.pose(in: state), Pose(position: target)) <= tolerance.robotPosition
    }

    /// Whether `state` reaches the goal within `tolerance`.
    public func isSuccess(_ state: [Float]) -> Bool {
        state.withUnsafeBufferPointer { isSuccess($0) }
    }
}
