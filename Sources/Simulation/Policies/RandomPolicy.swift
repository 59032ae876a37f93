import TensorCore

/// Random actions smoothed by an Ornstein–Uhlenbeck process, always inside the action bounds.
///
/// Each coordinate follows `x ← x + θ(0 − x) + σ·N(0, 1)` in the normalised box `[-1, 1]`, clipped,
/// then mapped affinely onto the environment's `[low, high]` (`OrnsteinUhlenbeckProcess`). Each episode starts at a uniform draw.
public struct RandomPolicy: Policy {
    private var process: OrnsteinUhlenbeckProcess
    private var rng = RandomStream(seed: 0)

    /// A policy with mean reversion `theta` and noise `sigma` per step.
    public init(theta: Double = 0.15, sigma: Double = 0.3) {
        process = OrnsteinUhlenbeckProcess(theta: theta, sigma: sigma)
    }

    /// Mean reversion per step.
    public var theta: Double { process.theta }
    /// Noise scale per step.
    public var sigma: Double { process.sigma }

    /// `random`.
    public var name: String { "random" }

    /// Takes the environment's action bounds and draws the process's start from `rng`.
    public mutating func reset(for environment: Environment, rng: RandomStream) {
        var stream = rng
        process.start(low: environment.actionSpace.low, high: environment.actionSpace.high, rng: &stream)
        self.rng = stream
    }

    /// The next action of the process, mapped onto the action bounds.
    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        process.step(rng: &rng)
    }
}

extension Policy where Self == RandomPolicy {
    /// The random policy with its default smoothing, as in `policy: .random`.
    public static var random: RandomPolicy { RandomPolicy() }
}
