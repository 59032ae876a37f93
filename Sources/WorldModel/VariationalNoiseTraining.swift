import Learning
import TensorCore

/// The trainer's side of SAVP's VAE path for a `StochasticForwardModel`: the inference network q(z | input row, true
/// change) and the optimizers of it and of the model's learned prior.
///
/// Per reconstruction row (one body at one step, from the true state): q gives z's means and log-variances, z = μ + σ ε
/// enters the generator, the true change is the target. The objective of a batch is the generator's mean squared error
/// per entry plus β · KL(q ‖ p) per row (`VariationalSettings.klWeight`), p = N(0, I) or the model's learned prior on
/// the row. Who updates what: the generator learns from these rows by its own rule (for predictive coding z is one
/// more clamped input, and the output error drives inference and the local weight updates as for any row). The
/// inference network and the prior learn by backprop: ∂MSE/∂z comes from a backward pass through the generator's
/// current weights (the error a PC network would send from its first hidden layer to a free input node at the
/// fixed-prediction equilibrium), through the reparameterisation into q's outputs, plus β · ∂KL/∂q; the learned prior
/// takes β · ∂KL/∂p only.
public struct VariationalNoiseTraining: Sendable {
    /// The settings (prior, β, widths, learning rate).
    public let settings: VariationalSettings
    /// The inference network: `[standardised input row without noise, standardised true change]` → z's means and
    /// log-variances.
    public internal(set) var posterior: MLP
    private var posteriorOptimizer: Adam
    private var priorOptimizer: Adam
    private var posteriorWorkspace: MLPWorkspace
    private var priorWorkspace: MLPWorkspace?
    private var generatorWorkspace: MLPWorkspace
    /// The last `sampleNoise`'s posterior, its ε and the base rows it saw.
    private var sampled: (posterior: DiagonalGaussian, epsilon: Matrix, base: Matrix)?

    /// Training for `model`'s noise (with a learned prior when `model.prior` is set) on changes of `changeSize` entries
    /// per row; q's weights from `seed`.
    public init(for model: StochasticForwardModel, changeSize: Int, settings: VariationalSettings, seed: UInt64) {
        self.settings = settings
        posterior = MLP(config: MLPConfig(inputSize: model.baseInputSize + changeSize, hiddenSizes: settings.hidden,
                                          outputSize: 2 * model.noiseSize), seed: seed)
        posteriorOptimizer = Adam(learningRate: settings.learningRate)
        priorOptimizer = Adam(learningRate: settings.learningRate)
        posteriorWorkspace = MLPWorkspace(for: posterior)
        priorWorkspace = model.prior.map { MLPWorkspace(for: $0) }
        generatorWorkspace = MLPWorkspace(for: model.generator.members[0])
    }

    /// Posterior samples z `[R, noiseSize]` for standardised input rows without noise `base` `[R, baseInputSize]` and
    /// their standardised true changes `[R, changeSize]`, ε from `random`; kept for the next `update`.
    public mutating func sampleNoise(base: Matrix, changes: Matrix, random: inout RandomStream) -> Matrix {
        let distribution = DiagonalGaussian(packed: posterior.forward(Matrix.columns(base, changes), workspace: &posteriorWorkspace))
        var epsilon = Matrix(rows: base.rows, cols: distribution.size)
        for i in 0..<epsilon.storage.count { epsilon.storage[i] = random.normal() }
        sampled = (distribution, epsilon, base)
        return distribution.sample(epsilon: epsilon)
    }

    /// The objective of the last `sampleNoise` rows and its parts: generator `inputs` (standardised, the sampled z last;
    /// row i holds z row `noiseRows[i]`) against standardised `targets`, with the gradients of the inference network's and
    /// the prior's parameters.
    mutating func objective(model: StochasticForwardModel, inputs: Matrix, targets: Matrix, noiseRows: [Int])
        -> (reconstruction: Double, kl: Double, posteriorGradients: [Float], priorGradients: [Float]?) {
        guard let sampled else { preconditionFailure("VariationalNoiseTraining: update before sampleNoise") }
        let generator = model.generator.members[0]
        var outputGradient = Matrix(rows: targets.rows, cols: targets.cols)
        let reconstruction = MeanSquaredError()(generator.forward(inputs, workspace: &generatorWorkspace), targets,
                                                gradient: &outputGradient)
        var unused = generator.zeroGradients()
        let inputGradient = generator.backward(outputGradient, workspace: &generatorWorkspace, gradients: &unused)
        precondition(noiseRows.count == inputs.rows, "VariationalNoiseTraining: \(noiseRows.count) noise rows for \(inputs.rows) inputs")
        var noiseGradient = Matrix(rows: sampled.epsilon.rows, cols: model.noiseSize)
        for (i, row) in noiseRows.enumerated() {
            for j in 0..<model.noiseSize { noiseGradient[row, j] += inputGradient[i, model.baseInputSize + j] }
        }

        let prior = model.prior.map { DiagonalGaussian(packed: $0.forward(sampled.base, workspace: &priorWorkspace!)) }
            ?? DiagonalGaussian.standard(rows: sampled.base.rows, size: model.noiseSize)
        let (kl, klGradient, priorKLGradient) = sampled.posterior.divergence(from: prior)
        var packedGradient = sampled.posterior.sampleGradient(noiseGradient, epsilon: sampled.epsilon)
        var weighted = klGradient
        weighted.scale(by: settings.klWeight)
        packedGradient.add(weighted)
        var posteriorGradients = posterior.zeroGradients()
        posterior.backward(packedGradient, workspace: &posteriorWorkspace, gradients: &posteriorGradients)
        let priorGradients = model.prior.map { network in
            var gradients = network.zeroGradients(), gradient = priorKLGradient
            gradient.scale(by: settings.klWeight)
            network.backward(gradient, workspace: &priorWorkspace!, gradients: &gradients)
            return gradients
        }
        return (Double(reconstruction), kl, posteriorGradients, priorGradients)
    }

    /// One Adam step of the inference network and of `model`'s learned prior on the last `sampleNoise` rows, whose
    /// generator inputs (the sampled z last, row i holding z row `noiseRows[i]`) and targets are `inputs` and `targets`;
    /// before the generator's own update (the gradient is taken at its current weights). Returns the mean KL per z row.
    ///
    /// Throws `TrainingError` when the objective or the weights become non-finite.
    public mutating func update(model: inout StochasticForwardModel, inputs: Matrix, targets: Matrix, noiseRows: [Int]) throws -> Double {
        let result = objective(model: model, inputs: inputs, targets: targets, noiseRows: noiseRows)
        try TrainingGuard.check(result.kl, "KL divergence", step: posteriorOptimizer.stepCount)
        posteriorOptimizer.step(parameters: &posterior.parameters, gradients: result.posteriorGradients)
        try TrainingGuard.check(parameters: posterior.parameters, step: posteriorOptimizer.stepCount)
        if let priorGradients = result.priorGradients, var prior = model.prior {
            priorOptimizer.step(parameters: &prior.parameters, gradients: priorGradients)
            try TrainingGuard.check(parameters: prior.parameters, step: priorOptimizer.stepCount)
            model.prior = prior
        }
        return result.kl
    }
}
