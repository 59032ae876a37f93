import TensorCore

/// Random actions smoothed by an Ornstein–Uhlenbeck process, always inside the action bounds.
///
/// Each coordinate follows `x ← x + θ(0 − x) + σ·N(0, 1)` in the normalised box `[-1, 1]`, clipped,
/// then mapped affinely onto the environment's `[low, high]`. Each episode starts at a uniform draw.
public struct RandomPolicy: Policy {
    /// Mean reversion per step.
    public let theta: Double
    /// Noise scale per step.
    public let sigma: Double
    private var low: [Float] = []
    private var high: [Float] = []
    private var rng = RandomStream(seed: 0)
    private var state: [Double] = []

    /// A policy with mean reversion `theta` and noise `sigma` per step.
    public init(theta: Double = 0.15, sigma: Double = 0.3) {
        self.theta = theta
        self.sigma = sigma
    }

    /// `random`.
    public var name: String { "random" }

    /// Takes the environment's action bounds and draws the process's start from `rng`.
    public mutating func reset(for environment: Environment, rng: RandomStream) {
        low = environment.actionSpace.low
        high = environment.actionSpace.high
        var stream = rng
        state = low.map { _ in stream.uniform(in: -1...1) }
        self.rng = stream
    }

    /// The next action of the process, mapped onto the action bounds.
    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        var action = [Float](repeating: 0, count: state.count)
        for i in state.indices {
            state[i] = min(1, max(-1, state[i] - theta * state[i] + sigma * rng.normalDouble()))
            let low = Double(self.low[i]), high = Double(self.high[i])
            action[i] = Float(low + (state[i] + 1) / 2 * (high - low))
        }
        return action
    }
}

extension Policy where Self == RandomPolicy {
    /// The random policy with its default smoothing, as in `policy: .random`.
    public static var random: RandomPolicy { RandomPolicy() }
}
