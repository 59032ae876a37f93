/// A kind of observation an environment can produce.
public enum ObservationKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Poses and velocities of every body (robot first), plus arm joint angles and velocities.
    case state
    /// A square RGB image of the table rendered from above.
    case pixels
    /// Lidar ranges (m), where the world has a lidar.
    case lidar
}

/// Which observations an environment produces, and at what image size.
public struct ObservationSettings: Sendable, Equatable, Codable {
    /// The kinds to produce (any combination).
    public var kinds: Set<ObservationKind>
    /// Side of the square image (pixels).
    public var pixelSize: Int

    /// Creates settings; `pixelSize` defaults to 64.
    public init(kinds: Set<ObservationKind>, pixelSize: Int = 64) {
        self.kinds = kinds
        self.pixelSize = pixelSize
    }

    /// The world's default settings.
    public init(spec: WorldSpec) {
        self.init(kinds: Set(spec.observation.kinds), pixelSize: spec.observation.pixelSize)
    }
}

/// One observation; fields the settings did not ask for are empty or nil.
public struct Observation: Sendable, Equatable {
    /// The state vector (`Environment.stateLabels` names each entry); empty unless `state` was asked for.
    public var state: [Float]
    /// `H*W*3` RGB bytes, row-major, the top row is the far edge (+y); nil unless `pixels` was asked for.
    public var pixels: [UInt8]?
    /// Lidar ranges in metres; nil unless `lidar` was asked for.
    public var lidar: [Float]?

    /// Creates an observation.
    public init(state: [Float], pixels: [UInt8]?, lidar: [Float]?) {
        self.state = state
        self.pixels = pixels
        self.lidar = lidar
    }
}

/// A box in R^n (Gymnasium's `Box`): elementwise bounds and a shape.
public struct BoxSpace: Sendable, Equatable, Codable {
    /// Lower bounds, one per element.
    public var low: [Float]
    /// Upper bounds, one per element.
    public var high: [Float]
    /// The shape (product = element count).
    public var shape: [Int]

    /// Creates a box; `low` and `high` must have `shape.reduce(1, *)` elements.
    public init(low: [Float], high: [Float], shape: [Int]) {
        precondition(low.count == high.count && low.count == shape.reduce(1, *), "BoxSpace bounds do not match its shape")
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// A flat box with the same bounds for every element.
    public init(count: Int, low: Float, high: Float) {
        self.init(low: Array(repeating: low, count: count), high: Array(repeating: high, count: count), shape: [count])
    }

    /// Whether `x` has the right size and lies inside the box.
    public func contains(_ x: [Float]) -> Bool {
        x.count == low.count && x.indices.allSatisfy { low[$0] <= x[$0] && x[$0] <= high[$0] }
    }
}

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
