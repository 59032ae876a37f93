import TensorCore

/// Smoothly wandering actions: an Ornstein–Uhlenbeck process in the normalised box `[-1, 1]`, mapped onto action bounds.
///
/// Each coordinate follows `x ← x + θ(0 − x) + σ·N(0, 1)`, clipped to `[-1, 1]`, then mapped affinely onto
/// `[low, high]`. A value: a copy continues independently, so a caller can try several futures of one process.
public struct OrnsteinUhlenbeckProcess: Sendable, Equatable {
    /// Mean reversion per step.
    public let theta: Double
    /// Noise scale per step.
    public let sigma: Double
    /// The action bounds.
    public private(set) var low: [Float] = []
    public private(set) var high: [Float] = []
    /// The normalised state, one entry per action coordinate.
    public private(set) var state: [Double] = []

    /// A process with mean reversion `theta` and noise `sigma` per step, not started.
    public init(theta: Double, sigma: Double) {
        self.theta = theta
        self.sigma = sigma
    }

    /// Starts over in the box `low...high` at a uniform draw from `rng`.
    public mutating func start(low: [Float], high: [Float], rng: inout RandomStream) {
        self.low = low
        self.high = high
        state = low.map { _ in rng.uniform(in: -1...1) }
    }

    /// Advances one step with normal draws from `rng`; the action the new state maps to.
    public mutating func step(rng: inout RandomStream) -> [Float] {
        var action = [Float](repeating: 0, count: state.count)
        for i in state.indices {
            state[i] = min(1, max(-1, state[i] - theta * state[i] + sigma * rng.normalDouble()))
            let low = Double(self.low[i]), high = Double(self.high[i])
            action[i] = Float(low + (state[i] + 1) / 2 * (high - low))
        }
        return action
    }
}
