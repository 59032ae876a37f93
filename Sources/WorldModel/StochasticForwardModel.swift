import Learning
import TensorCore

/// A stochastic forward model: a `ForwardModel` whose network also reads a noise vector z per input row, drawn from
/// N(0, I) or from a learned prior p(z | input row), so the same start and actions give different futures
/// (`x_{t+1} = x_t + f([x_t, a_t], z_t)`, fresh z every step).
///
/// The generator is an ordinary forward model (one member, same rule, normalisers and body layout as the
/// deterministic model it extends) whose input normaliser ends with `noiseSize` identity columns: z enters the
/// network as it is. Object-factorised state models draw one z per body and step. With z = 0 the model is a
/// deterministic forward model with the same weights minus the noise columns (`StochasticForwardWorkspace.noiseScale`).
public struct StochasticForwardModel: Sendable {
    /// The network with noise inputs (the noise columns last).
    public internal(set) var generator: ForwardModel
    /// The entries of z per input row.
    public let noiseSize: Int
    /// One z per body for a whole rollout (drawn at its first step, held by the workspace) instead of a fresh z every step.
    public let noisePerRollout: Bool
    /// The learned prior: an `MLP` from a standardised input row without noise to z's means and log-variances
    /// (`DiagonalGaussian`); nil samples N(0, I).
    public internal(set) var prior: MLP?

    /// A stochastic model that starts as `deterministic`'s first member: its weights copied, the noise columns' first-layer
    /// weights drawn from `seed` (U(±1/√fan_in) like the other columns of a fresh layer).
    ///
    /// `config` is the run's (architecture and predictive-coding settings).
    public init(extending deterministic: ForwardModel, config: WorldModelConfig, noiseSize: Int, noisePerRollout: Bool = false,
                seed: UInt64) {
        precondition(noiseSize > 0, "StochasticForwardModel: noiseSize must be positive")
        var single = config
        single.forwardEnsembleSize = 1
        let base = deterministic.inputNormalizer
        let normalizer = Normalizer(mean: base.mean + [Float](repeating: 0, count: noiseSize),
                                    std: base.std + [Float](repeating: 1, count: noiseSize))
        var generator = ForwardModel(rule: deterministic.rule, config: single, inputNormalizer: normalizer,
                                     targetNormalizer: deterministic.targetNormalizer, layout: deterministic.layout, seed: seed)
        generator.members[0].parameters = StochasticForwardModel.widened(deterministic.members[0], into: generator.members[0])
        self.generator = generator
        self.noiseSize = noiseSize
        self.noisePerRollout = noisePerRollout
    }

    /// A model from saved parts (the generator's input normaliser already holding the noise columns).
    public init(generator: ForwardModel, noiseSize: Int, noisePerRollout: Bool = false, prior: MLP? = nil) {
        precondition(generator.inputNormalizer.count > noiseSize, "StochasticForwardModel: noise wider than the input")
        self.generator = generator
        self.noiseSize = noiseSize
        self.noisePerRollout = noisePerRollout
        self.prior = prior
        precondition(prior.map { $0.config.inputSize == baseInputSize && $0.config.outputSize == 2 * noiseSize } ?? true,
                     "StochasticForwardModel: the prior's shape does not fit \(baseInputSize) inputs and \(noiseSize) noise entries")
    }

    /// A learned prior for this model's rows, hidden widths `hidden`, weights from `seed`.
    public func makePrior(hidden: [Int], seed: UInt64) -> MLP {
        MLP(config: MLPConfig(inputSize: baseInputSize, hiddenSizes: hidden, outputSize: 2 * noiseSize), seed: seed)
    }

    /// The deterministic model's weights inside `wide`'s (whose first layer has extra input columns): those columns keep
    /// `wide`'s own weights.
    static func widened(_ narrow: MLP, into wide: MLP) -> [Float] {
        var parameters = wide.parameters
        for (small, large) in zip(narrow.layers, wide.layers) {
            for i in 0..<small.outputSize {
                for j in 0..<small.inputSize {
                    parameters[large.weightRange.lowerBound + i * large.inputSize + j]
                        = narrow.parameters[small.weightRange.lowerBound + i * small.inputSize + j]
                }
            }
            for (i, j) in zip(large.biasRange, small.biasRange) { parameters[i] = narrow.parameters[j] }
        }
        return parameters
    }

    /// Width of an input row without the noise.
    public var baseInputSize: Int { generator.inputNormalizer.count - noiseSize }

    /// Input rows per state row (bodies for an object-factorised model, else one).
    public var rowsPerState: Int { generator.layout?.bodyCount ?? 1 }

    /// Standardised generator inputs `[rows, base + noise]` for `x` `[B, X]`, actions `[B, A]` and noise `[rows, noiseSize]`.
    func standardizedInputs(_ x: Matrix, actions: Matrix, noise: Matrix, base: inout Matrix, into inputs: inout Matrix) {
        if let layout = generator.layout {
            layout.inputs(states: x, actions: actions, into: &base)
        } else {
            base.resize(rows: x.rows, cols: x.cols + actions.cols)
            base.setColumns(x, actions)
        }
        inputs.resize(rows: base.rows, cols: base.cols + noiseSize)
        inputs.setColumns(base, noise)
        generator.inputNormalizer.apply(&inputs)
    }
}
