/// Extra information about a step.
public struct StepInfo: Sendable, Equatable {
    /// Whether the robot touched an object during this control step.
    public var contact: Bool
    /// Whether the goal is reached (coverage above the world's threshold).
    public var success: Bool
    /// Goal coverage in [0, 1] for worlds with a goal.
    public var coverage: Double?
    /// Whether the action had non-finite entries and was replaced by the neutral action.
    public var actionRejected: Bool

    /// Creates step information.
    public init(contact: Bool, success: Bool, coverage: Double?, actionRejected: Bool = false) {
        self.contact = contact
        self.success = success
        self.coverage = coverage
        self.actionRejected = actionRejected
    }
}

/// The outcome of `Environment.step(_:)` (Gymnasium's five-tuple).
public struct StepResult: Sendable, Equatable {
    /// The observation after the step.
    public var observation: Observation
    /// The reward (goal coverage for worlds with a goal, 0 otherwise).
    public var reward: Double
    /// Whether the episode ended in a terminal state (goal reached).
    public var terminated: Bool
    /// Whether the episode hit its step limit.
    public var truncated: Bool
    /// Contact, success, coverage.
    public var info: StepInfo
}
