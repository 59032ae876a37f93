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
    /// One z per body for a whole rollout (SV2P's time-invariant latent: a sample is one way the whole window goes)
    /// instead of a fresh z every step; with the VAE the inference network then sees the body's k true changes.
    /// Absent in older files: false.
    public var noisePerRollout = false
    /// What shapes the noise: the critic, SAVP's VAE path, or both (absent in files written before the VAE path: `.gan`).
    public var objective: StochasticObjective = .gan
    /// The VAE path's inference network, prior and KL weight (used when `objective` has the VAE).
    public var variational = VariationalSettings()

    public init() {}

    /// Decodes every field; `noisePerRollout`, `objective` and `variational` may be absent (files from before the VAE
    /// path train and sample as they did: critic only, a fresh z ~ N(0, I) every step).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(ForwardRule.self, forKey: .rule)
        noiseSize = try container.decode(Int.self, forKey: .noiseSize)
        horizon = try container.decode(Int.self, forKey: .horizon)
        epochs = try container.decode(Int.self, forKey: .epochs)
        batch = try container.decode(Int.self, forKey: .batch)
        nearestOf = try container.decode(Int.self, forKey: .nearestOf)
        adversarialWeight = try container.decode(Float.self, forKey: .adversarialWeight)
        loss = try container.decode(AdversarialLoss.self, forKey: .loss)
        criticHidden = try container.decode([Int].self, forKey: .criticHidden)
        criticLearningRate = try container.decode(Float.self, forKey: .criticLearningRate)
        generatorLearningRate = try container.decode(Float.self, forKey: .generatorLearningRate)
        seed = try container.decode(UInt64.self, forKey: .seed)
        noisePerRollout = try container.decodeIfPresent(Bool.self, forKey: .noisePerRollout) ?? false
        objective = try container.decodeIfPresent(StochasticObjective.self, forKey: .objective) ?? .gan
        variational = try container.decodeIfPresent(VariationalSettings.self, forKey: .variational) ?? VariationalSettings()
    }

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
        if objective.usesPosterior {
            try variational.validate()
            guard nearestOf == 1 else {
                throw ConfigurationError("nearestOf must be 1 with the VAE objective (its reconstruction rows are the posterior's), got \(nearestOf)")
            }
        }
    }
}

/// What trains a stochastic model's use of its noise (SAVP's three variants).
public enum StochasticObjective: String, Codable, Sendable, CaseIterable {
    /// Reconstruction with z ~ N(0, I) beside the adversarial critic (the model before the VAE path).
    case gan
    /// SAVP's VAE: reconstruction with z from an inference network that sees the true next step, plus KL to the prior.
    case vae
    /// Both: the VAE's reconstruction and KL, and the critic on rollouts sampled from the prior.
    case vaeGan = "vae+gan"

    /// Whether an inference network supplies the reconstruction's noise.
    public var usesPosterior: Bool { self != .gan }
    /// Whether the critic trains and pushes the rollouts.
    public var usesCritic: Bool { self != .vae }
}

/// The prior of a VAE-trained stochastic model's noise, sampled at test time.
public enum NoisePrior: String, Codable, Sendable, CaseIterable {
    /// N(0, I) per body and step.
    case fixed
    /// N(μ, σ²) from a network on the body's standardised input row (SAVP's learned prior, without its recurrence).
    case learned
}

/// SAVP's VAE path of a stochastic model: an inference network q(z | input row, true change) and the prior it is pulled to.
public struct VariationalSettings: Codable, Sendable, Equatable {
    /// The prior: fixed N(0, I) or learned from the current state.
    public var prior: NoisePrior = .fixed
    /// β: the weight of a row's KL (summed over z) against the reconstruction's mean squared error per entry.
    public var klWeight: Float = 0.001
    /// Hidden widths of the inference network and of a learned prior.
    public var hidden: [Int] = [64, 64]
    /// Their learning rate (Adam, trained by backprop).
    public var learningRate: Float = 1e-3

    public init() {}

    /// Throws `ConfigurationError` naming the first invalid field.
    public func validate() throws {
        guard klWeight > 0, klWeight.isFinite else { throw ConfigurationError("variational.klWeight must be a finite positive number, got \(klWeight)") }
        guard learningRate > 0, learningRate.isFinite else {
            throw ConfigurationError("variational.learningRate must be a finite positive number, got \(learningRate)")
        }
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 > 0 }) else { throw ConfigurationError("variational.hidden widths must be positive") }
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
    /// Mean generator adversarial loss (0 without the critic).
    public var generatorLoss: Double
    /// Mean KL of the posterior from the prior per input row (nil without the VAE path, and in older files).
    public var klDivergence: Double? = nil
    /// Wall-clock seconds of the epoch.
    public var seconds: Double
}
