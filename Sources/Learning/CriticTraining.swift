import TensorCore

/// The trainer's side of a `Critic`: its Adam and buffers; one `step` per generator step (alternating training).
public struct CriticTraining: Sendable {
    /// The critic's optimizer (Adam with β₁ = 0.5, as GANs usually train).
    public var optimizer: Adam
    private var workspace: CriticWorkspace
    private var gradients: [Float]
    private var batch = Matrix(rows: 0, cols: 0)

    /// A fresh optimizer for `critic`.
    public init(for critic: Critic, learningRate: Float = 2e-4) {
        optimizer = Adam(learningRate: learningRate, beta1: 0.5, beta2: 0.999)
        workspace = CriticWorkspace(for: critic)
        gradients = critic.network.zeroGradients()
    }

    /// One update of `critic` telling `real` rows from `fake` ones under `loss`: a power iteration, then Adam on the
    /// loss's gradient. Returns the loss before the update; throws `TrainingError` if it or the weights are not finite.
    @discardableResult
    public mutating func step(_ critic: inout Critic, real: Matrix, fake: Matrix, loss: AdversarialLoss) throws -> Double {
        precondition(real.cols == fake.cols, "CriticTraining: real rows have \(real.cols) features, fake \(fake.cols)")
        critic.updateSpectralEstimates()
        batch.resize(rows: real.rows + fake.rows, cols: real.cols)
        batch.copyRows(from: real, at: 0, count: real.rows, to: 0)
        batch.copyRows(from: fake, at: 0, count: fake.rows, to: real.rows)
        let scores = critic.scores(batch, workspace: &workspace)
        let (value, gradReal, gradFake) = loss.criticLoss(real: scores.rows(0..<real.rows),
                                                          fake: scores.rows(real.rows..<scores.rows))
        try TrainingGuard.check(value, "critic loss", step: optimizer.stepCount)
        gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var gradScores = Matrix(rows: batch.rows, cols: 1)
        gradScores.copyRows(from: gradReal, at: 0, count: real.rows, to: 0)
        gradScores.copyRows(from: gradFake, at: 0, count: fake.rows, to: real.rows)
        critic.backward(gradScores, workspace: &workspace, gradients: &gradients)
        optimizer.step(parameters: &critic.network.parameters, gradients: gradients)
        try TrainingGuard.check(parameters: critic.network.parameters, step: optimizer.stepCount)
        return value
    }
}
