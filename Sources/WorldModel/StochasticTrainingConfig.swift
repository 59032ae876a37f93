import Learning

/// How a stochastic forward model and its critic train (`foresight train --critic`; stored with the model).
public struct StochasticTrainingConfig: Codable, Sendable, Equatable {
    /// The rule of the deterministic state model the generator starts from (`state.pc` or `state.bp`), and so the
    /// generator's learning rule.
    public var rule: ForwardRule = .pc
    /// Entries of z per input row (per body and step for the object-factorised state model).
    public var noiseSize: Int = 4
    /// Steps of the windows the critic judges (k).
    public var horizon: Int = 10
    /// Epochs over every window of the training episodes.
    public var epochs: Int = 10
    /// Windows per step.
    public var batch: Int = 32
    /// Samples drawn per window for reconstruction: 1 reconstructs the true changes from the true states (one step,
    /// fresh noise); more reconstruct them along the rollout nearest the truth among that many (conditional IMLE, Li &
    /// Malik 2019: every true future pulls its nearest sample, so samples come to cover the futures).
    public var nearestOf: Int = 1
    /// The weight of the critic's push against the one-step reconstruction error (`Critic.displacedTargets`).
    public var adversarialWeight: Float = 1
    /// The GAN objective.
    public var loss: AdversarialLoss = .hinge
    /// Hidden widths of the critic.
    public var criticHidden: [Int] = [256, 256]
    /// The critic's learning rate (Adam, β₁ = 0.5).
    public var criticLearningRate: Float = 2e-4
    /// The generator's learning rate (Adam).
    public var generatorLearningRate: Float = 1e-4
    /// The root seed of the noise, the window order and the critic.
    public var seed: UInt64 = 1

    public init() {}

    /// The run's model the generator starts from.
    public var source: ForwardModelID { ForwardModelID(space: .state, rule: rule) }

    /// Throws `ConfigurationError` naming the first invalid field.
    public func validate() throws {
        for (value, name) in [(noiseSize, "noiseSize"), (horizon, "horizon"), (batch, "batch"), (nearestOf, "nearestOf")] where value <= 0 {
            throw ConfigurationError("\(name) must be positive, got \(value)")
        }
        guard epochs >= 0 else { throw ConfigurationError("epochs must not be negative, got \(epochs)") }
        guard adversarialWeight >= 0, adversarialWeight.isFinite else {
            throw ConfigurationError("adversarialWeight must be a finite non-negative number, got \(adversarialWeight)")
        }
        guard criticHidden.allSatisfy({ $0 > 0 }) else { throw ConfigurationError("criticHidden widths must be positive") }
    }
}

/// One epoch of stochastic training, as `stochastic-metrics.csv` lists it.
public struct StochasticEpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    /// Mean one-step reconstruction error (standardised MSE on the true states, noise sampled).
    public var reconstructionLoss: Double
    /// Mean squared distance of the rollouts' changes from the true ones over the windows (standardised).
    public var rolloutError: Double
    /// Mean critic loss (before each step).
    public var criticLoss: Double
    /// Mean generator adversarial loss.
    public var generatorLoss: Double
    /// Wall-clock seconds of the epoch.
    public var seconds: Double
}
