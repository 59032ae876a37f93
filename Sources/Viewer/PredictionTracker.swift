#if Viewer
/// The pose of one body at one moment, for drawing ghosts.
public struct BodyPose: Equatable, Sendable {
    public var position: SIMD2<Double>
    public var angle: Double

    public init(position: SIMD2<Double>, angle: Double) {
        self.position = position
        self.angle = angle
    }
}

/// One open-loop prediction next to what really happened.
public struct PredictionSnapshot: Sendable {
    /// The body poses the prediction started from (k steps ago).
    public var anchor: [BodyPose]
    /// The predicted positions after each of the k steps: `steps[t][b]`.
    public var steps: [[SIMD2<Double>]]
    /// The real positions now, k steps after the anchor.
    public var actual: [SIMD2<Double>]
    /// The mean distance between predicted and real positions after k steps (m).
    public var error: Double
}

/// Keeps the last states, actions and poses, asks a `PredictionSource` for the k-step open-loop
/// prediction that ends now, and records its error over time.
///
/// The prediction starts k steps in the past and uses the actions that were really applied since,
/// so it can be compared with the real outcome the moment it is drawn.
public struct PredictionTracker {
    /// The longest horizon the tracker keeps history for.
    public static let maxHorizon = 50
    /// How many error samples the plot keeps.
    public static let errorCapacity = 300

    /// The prediction horizon k (steps), 1...maxHorizon.
    public private(set) var horizon: Int
    private var states: [[Float]] = []
    private var poses: [[BodyPose]] = []
    private var actions: [[Float]] = []
    /// Past errors, oldest first, at most `errorCapacity`.
    public private(set) var errors: [Double] = []
    /// The latest prediction, once k steps of history exist.
    public private(set) var latest: PredictionSnapshot?

    public init(horizon: Int) {
        self.horizon = min(max(horizon, 1), Self.maxHorizon)
    }

    /// Sets k, clamped to 1...maxHorizon; the prediction is recomputed on the next `update`.
    public mutating func setHorizon(_ k: Int) {
        horizon = min(max(k, 1), Self.maxHorizon)
        latest = nil
    }

    /// Starts over from the first state of an episode.
    public mutating func restart(state: [Float], poses current: [BodyPose]) {
        states = [state]
        poses = [current]
        actions = []
        latest = nil
        errors.removeAll(keepingCapacity: true)
    }

    /// Records one step: the action applied and the state and poses it led to.
    public mutating func record(action: [Float], state: [Float], poses current: [BodyPose]) {
        actions.append(action)
        states.append(state)
        poses.append(current)
        if states.count > Self.maxHorizon + 1 {
            states.removeFirst()
            poses.removeFirst()
            actions.removeFirst()
        }
    }

    /// Recomputes the prediction from k steps ago and appends its error; nil while the history is shorter than k.
    @discardableResult
    public mutating func update(using source: any PredictionSource) -> PredictionSnapshot? {
        let k = horizon
        guard states.count > k else {
            latest = nil
            return nil
        }
        let anchorIndex = states.count - 1 - k
        let steps = source.predictPositions(state: states[anchorIndex], actions: Array(actions[anchorIndex..<(anchorIndex + k)]))
        let actual = poses[states.count - 1].map(\.position)
        guard steps.count == k, let final = steps.last, final.count == actual.count else {
            preconditionFailure("\(source.name) returned \(steps.count) steps of \(steps.last?.count ?? 0) bodies, expected \(k) of \(actual.count)")
        }
        var total = 0.0
        for (p, q) in zip(final, actual) { total += ((p - q) * (p - q)).sum().squareRoot() }
        let error = actual.isEmpty ? 0 : total / Double(actual.count)
        errors.append(error)
        if errors.count > Self.errorCapacity { errors.removeFirst(errors.count - Self.errorCapacity) }
        let snapshot = PredictionSnapshot(anchor: poses[anchorIndex], steps: steps, actual: actual, error: error)
        latest = snapshot
        return snapshot
    }
}
#endif
