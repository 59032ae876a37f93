#if Viewer
import Simulation

/// The pose of one body at one moment, for drawing ghosts.
public struct BodyPose: Equatable, Sendable {
    public var position: SIMD2<Double>
    public var angle: Double

    public init(position: SIMD2<Double>, angle: Double) {
        self.position = position
        self.angle = angle
    }
}

/// The model's open-loop prediction from the current state for the next k steps.
public struct Forecast: Sendable {
    /// The body poses now, where the prediction starts.
    public var anchor: [BodyPose]
    /// The predicted positions after each of the k steps: `steps[t][b]`.
    public var steps: [[SIMD2<Double>]]
    /// Sampled futures of a stochastic model over the same steps, `branches[i][t][b]` (none for a deterministic source).
    public var branches: [[[SIMD2<Double>]]]

    /// A forecast from `anchor` over `steps`, with the sampled `branches` if any.
    public init(anchor: [BodyPose], steps: [[SIMD2<Double>]], branches: [[[SIMD2<Double>]]] = []) {
        self.anchor = anchor
        self.steps = steps
        self.branches = branches
    }
}

/// A k-step prediction made k steps ago (with the actions really applied since) next to the real outcome.
public struct PredictionCheck: Sendable {
    /// The body poses k steps ago, where the prediction started.
    public var anchor: [BodyPose]
    /// The predicted positions after k steps.
    public var predicted: [SIMD2<Double>]
    /// The real positions now.
    public var actual: [SIMD2<Double>]
    /// The mean distance between predicted and real positions (m).
    public var error: Double

    /// A matured prediction and what really happened.
    public init(anchor: [BodyPose], predicted: [SIMD2<Double>], actual: [SIMD2<Double>], error: Double) {
        self.anchor = anchor
        self.predicted = predicted
        self.actual = actual
        self.error = error
    }
}

/// Keeps the last k observations, actions and poses and asks a `PredictionSource` for two things:
/// the forecast from now (the last action held for k steps, as the best guess of what comes), and the
/// check of the prediction made k steps ago with the actions really applied, whose error it records.
public struct PredictionTracker {
    /// The longest horizon the tracker keeps history for.
    public static let maxHorizon = 50
    /// How many error samples the plot keeps.
    public static let errorCapacity = 150
    /// How many sampled futures a stochastic source's forecast shows.
    public static let branchCount = 5

    /// The prediction horizon k (steps), 1...maxHorizon.
    public private(set) var horizon: Int
    private var observations: [Observation] = []
    private var poses: [[BodyPose]] = []
    private var actions: [[Float]] = []
    /// Past errors, oldest first, at most `errorCapacity`.
    public private(set) var errors: [Double] = []
    /// The latest forecast, once an action has been applied.
    public private(set) var forecast: Forecast?
    /// The latest check, once k steps of history exist.
    public private(set) var check: PredictionCheck?

    public init(horizon: Int) {
        self.horizon = min(max(horizon, 1), Self.maxHorizon)
    }

    /// Sets k, clamped to 1...maxHorizon; the predictions are recomputed on the next `update`.
    public mutating func setHorizon(_ k: Int) {
        horizon = min(max(k, 1), Self.maxHorizon)
        forecast = nil
        check = nil
    }

    /// Starts over from the first observation of an episode.
    public mutating func restart(observation: Observation, poses current: [BodyPose]) {
        observations = [observation]
        poses = [current]
        actions = []
        forecast = nil
        check = nil
        errors.removeAll(keepingCapacity: true)
    }

    /// Records one step: the action applied and the observation and poses it led to.
    public mutating func record(action: [Float], observation: Observation, poses current: [BodyPose]) {
        actions.append(action)
        observations.append(observation)
        poses.append(current)
        if observations.count > Self.maxHorizon + 1 {
            observations.removeFirst()
            poses.removeFirst()
            actions.removeFirst()
        }
    }

    /// Recomputes the forecast and the check (appending its error).
    public mutating func update(using source: any PredictionSource) {
        let k = horizon, now = observations.count - 1
        if let last = actions.last {
            let steps = Self.predict(source, from: observations[now], actions: Array(repeating: last, count: k), bodies: poses[now].count)
            let plan = Array(repeating: last, count: k)
            forecast = Forecast(anchor: poses[now], steps: steps,
                                branches: source.sampleBranches(from: observations[now], actions: plan, count: Self.branchCount))
        } else {
            forecast = nil
        }
        guard now >= k else {
            check = nil
            return
        }
        let start = now - k
        let steps = Self.predict(source, from: observations[start], actions: Array(actions[start..<now]), bodies: poses[now].count)
        let predicted = steps[k - 1], actual = poses[now].map(\.position)
        var total = 0.0
        for (p, q) in zip(predicted, actual) { total += ((p - q) * (p - q)).sum().squareRoot() }
        let error = actual.isEmpty ? 0 : total / Double(actual.count)
        errors.append(error)
        if errors.count > Self.errorCapacity { errors.removeFirst(errors.count - Self.errorCapacity) }
        check = PredictionCheck(anchor: poses[start], predicted: predicted, actual: actual, error: error)
    }

    /// Asks the source and checks the shape of its answer (one row per action, one position per body).
    private static func predict(_ source: any PredictionSource, from observation: Observation, actions: [[Float]],
                                bodies: Int) -> [[SIMD2<Double>]] {
        let steps = source.predictPositions(from: observation, actions: actions)
        precondition(steps.count == actions.count && steps.allSatisfy { $0.count == bodies },
                     "\(source.name) returned \(steps.count) steps of \(steps.first?.count ?? 0) bodies, expected \(actions.count) of \(bodies)")
        return steps
    }
}
#endif
