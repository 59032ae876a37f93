/// How a sampling planner (cross-entropy method or MPPI) searches for an action sequence.
///
/// Each iteration samples `samples` sequences around the plan (sample 0 is the plan's mean itself),
/// rolls them through the model, keeps the `elites` cheapest and refits the plan's mean and standard
/// deviation to them: with equal weights (CEM) or with weights `exp(-temperature · (cost - best))`
/// (MPPI). Standard deviations are fractions of each action entry's half-range.
public struct PlannerConfig: Sendable, Equatable, Codable {
    /// How elites are weighted when the plan is refitted.
    public enum Weighting: Sendable, Equatable, Codable {
        /// Every elite counts the same (the cross-entropy method).
        case uniform
        /// Elite k counts `exp(-temperature · (cost_k - best cost))` (MPPI). As in TD-MPC2, the
        /// "temperature" multiplies: larger values favour the best elites more (inverse cost units).
        case exponential(temperature: Double)
    }

    /// Steps planned ahead (H).
    public var horizon: Int
    /// Sequences sampled per iteration (N).
    public var samples: Int
    /// Cheapest sequences the plan is refitted to.
    public var elites: Int
    /// Sample-and-refit rounds per plan.
    public var iterations: Int
    /// How elites are weighted.
    public var weighting: Weighting
    /// Standard deviation of a fresh or warm-started plan, as a fraction of the half-range.
    public var initialStd: Float
    /// Bounds on the refitted standard deviation, as fractions of the half-range.
    public var minimumStd: Float
    public var maximumStd: Float

    /// Creates a configuration.
    public init(horizon: Int, samples: Int, elites: Int, iterations: Int, weighting: Weighting,
                initialStd: Float = 0.5, minimumStd: Float = 0, maximumStd: Float = 2) {
        precondition(horizon > 0 && iterations > 0, "a planner needs a horizon and iterations")
        precondition(0 < elites && elites <= samples, "elites must be between 1 and the sample count")
        precondition(0 <= minimumStd && minimumStd <= maximumStd, "standard deviation bounds out of order")
        self.horizon = horizon
        self.samples = samples
        self.elites = elites
        self.iterations = iterations
        self.weighting = weighting
        self.initialStd = initialStd
        self.minimumStd = minimumStd
        self.maximumStd = maximumStd
    }

    /// CEM as DINO-WM plans (horizon 5, 300 samples, 30 elites, 30 iterations; execute 5, replan).
    public static let cem = PlannerConfig(horizon: 5, samples: 300, elites: 30, iterations: 30, weighting: .uniform)

    /// CEM as PlaNet plans (horizon 12, 1,000 samples, 100 elites, 10 iterations).
    public static let planetCEM = PlannerConfig(horizon: 12, samples: 1000, elites: 100, iterations: 10,
                                                weighting: .uniform)

    /// MPPI as TD-MPC2 plans (512 samples, 64 elites, 6 iterations, temperature 0.5, std at least
    /// 0.05 of the half-range), over DINO-WM's horizon of 5.
    public static let mppi = PlannerConfig(horizon: 5, samples: 512, elites: 64, iterations: 6,
                                           weighting: .exponential(temperature: 0.5), minimumStd: 0.05)
}
