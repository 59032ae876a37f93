import Learning
import TensorCore

/// SAVP's realism test done by a network: a fresh critic, trained after the fact to tell a model's k-step windows from
/// true ones, and its accuracy on windows it did not train on (50%: indistinguishable, 100%: always told apart).
///
/// Windows are coded by `CriticWindowCoding` (start, actions, per-step changes) and split by episode: the critic trains
/// on the first `trainingWindows` (real and predicted alike) and is scored on the rest.
public struct RealismScore: Sendable {
    /// Epochs of the fresh critic over its training windows.
    public var epochs = 30
    /// Windows per step.
    public var batch = 64
    /// Hidden widths of the fresh critic.
    public var hidden = [128, 128]
    /// The fresh critic's learning rate.
    public var learningRate: Float = 1e-3
    /// The seed of its weights and window order.
    public var seed: UInt64 = 7

    public init() {}

    /// The held-out accuracy of a critic trained on the first `trainingWindows` rows of `real` and `fake` (`[W, width]`).
    public func accuracy(real: Matrix, fake: Matrix, trainingWindows: Int) throws -> Double {
        precondition(real.rows == fake.rows && trainingWindows > 0 && trainingWindows < real.rows,
                     "RealismScore: \(trainingWindows) training windows of \(real.rows)")
        var critic = Critic(inputSize: real.cols, hidden: hidden, seed: seed)
        var training = CriticTraining(for: critic, learningRate: learningRate)
        var rng = RandomStream(seed: seed).split(1)
        var order = Array(0..<trainingWindows)
        for _ in 0..<epochs {
            rng.shuffle(&order)
            var start = 0
            while start < order.count {
                let rows = Array(order[start..<min(start + batch, order.count)])
                try training.step(&critic, real: real.gatherRows(rows), fake: fake.gatherRows(rows), loss: .nonSaturating)
                start += rows.count
            }
        }
        critic.updateSpectralEstimates()
        let held = Array(trainingWindows..<real.rows)
        return critic.accuracy(real: real.gatherRows(held), fake: fake.gatherRows(held))
    }
}
