import TensorCore

/// Random actions smoothed by an Ornstein–Uhlenbeck process, always inside the action bounds.
///
/// Each coordinate follows `x ← x + θ(0 − x) + σ·N(0, 1)` in the normalised box `[-1, 1]`, clipped,
/// then mapped affinely onto `[low, high]`. The process starts at a uniform draw.
public struct RandomPolicy: DataCollectionPolicy {
    /// The bounds actions are mapped onto.
    public let actionSpace: BoxSpace
    /// Mean reversion per step.
    public let theta: Double
    /// Noise scale per step.
    public let sigma: Double
    private var rng: RandomStream
    private var state: [Double]

    /// A policy over `actionSpace` drawing from `rng`.
    public init(actionSpace: BoxSpace, rng: RandomStream, theta: Double = 0.15, sigma: Double = 0.3) {
        self.actionSpace = actionSpace
        self.theta = theta
        self.sigma = sigma
        var stream = rng
        state = actionSpace.low.map { _ in stream.uniform(in: -1...1) }
        self.rng = stream
    }

    /// The next action of the process, mapped onto the action bounds.
    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        var action = [Float](repeating: 0, count: state.count)
        for i in state.indices {
            state[i] = min(1, max(-1, state[i] - theta * state[i] + sigma * rng.normalDouble()))
            let low = Double(actionSpace.low[i]), high = Double(actionSpace.high[i])
            action[i] = Float(low + (state[i] + 1) / 2 * (high - low))
        }
        return action
    }
}
