import TensorCore

/// One caller's buffers for a `Critic`: the spectrally normalised network of the last pass and its activations.
public struct CriticWorkspace: Sendable {
    /// The critic with W̃ = W / σ in every layer, as of the last `scores`.
    var normalized: MLP
    /// Each layer's σ as of the last `scores`.
    var sigmas: [Float] = []
    var network: MLPWorkspace
    /// ∂L/∂(normalised parameters) of the last `backward`.
    var normalizedGradients: [Float]

    /// Empty buffers for `critic`.
    public init(for critic: Critic) {
        normalized = critic.network
        network = MLPWorkspace(for: critic.network)
        normalizedGradients = critic.network.zeroGradients()
    }
}

extension Critic {
    /// Scores `[B, 1]` of the rows of `x` `[B, inputSize]`, through the normalised weights (kept for `backward`).
    ///
    /// The result shares storage with a workspace buffer: release it before the next call.
    public func scores(_ x: Matrix, workspace: inout CriticWorkspace) -> Matrix {
        workspace.sigmas = spectralNorms
        workspace.normalized.parameters = network.parameters
        for (layer, sigma) in zip(network.layers, workspace.sigmas) where sigma > 0 {
            for i in layer.weightRange { workspace.normalized.parameters[i] /= sigma }
        }
        return workspace.normalized.forward(x, workspace: &workspace.network)
    }

    /// Given ∂L/∂scores `[B, 1]` for the workspace's last `scores`, adds ∂L/∂parameters (of the raw weights, u and v
    /// held constant) to `gradients` and returns ∂L/∂x `[B, inputSize]`.
    @discardableResult
    public func backward(_ gradScores: Matrix, workspace: inout CriticWorkspace, gradients: inout [Float]) -> Matrix {
        precondition(gradients.count == network.parameters.count, "Critic.backward: \(gradients.count) gradient entries")
        workspace.normalizedGradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        let input = workspace.normalized.backward(gradScores, workspace: &workspace.network,
                                                  gradients: &workspace.normalizedGradients)
        let g = workspace.normalizedGradients, w = workspace.normalized.parameters
        for (l, layer) in network.layers.enumerated() {
            let sigma = workspace.sigmas[l] > 0 ? workspace.sigmas[l] : 1
            var inner: Float = 0
            for i in layer.weightRange { inner += g[i] * w[i] }
            let start = layer.weightRange.lowerBound
            for i in 0..<layer.outputSize {
                let ui = left[l][i], row = start + i * layer.inputSize
                for j in 0..<layer.inputSize { gradients[row + j] += (g[row + j] - inner * ui * right[l][j]) / sigma }
            }
            for i in layer.biasRange { gradients[i] += g[i] }
        }
        return input
    }

    /// The generator's loss on `fake` rows under `loss` and its gradient with respect to them (`[B, inputSize]`).
    public func generatorGradient(_ fake: Matrix, loss: AdversarialLoss, workspace: inout CriticWorkspace)
        -> (loss: Double, gradient: Matrix) {
        let (value, gradScores) = loss.generatorLoss(fake: scores(fake, workspace: &workspace))
        var unused = network.zeroGradients()
        return (value, backward(gradScores, workspace: &workspace, gradients: &unused))
    }

    /// The share of rows told apart: real rows scored above zero and fake rows at or below it.
    public func accuracy(real: Matrix, fake: Matrix) -> Double {
        var workspace = CriticWorkspace(for: self)
        var right = 0
        let realScores = scores(real, workspace: &workspace)
        for r in 0..<realScores.rows where realScores[r, 0] > 0 { right += 1 }
        let fakeScores = scores(fake, workspace: &workspace)
        for r in 0..<fakeScores.rows where fakeScores[r, 0] <= 0 { right += 1 }
        return Double(right) / Double(max(real.rows + fake.rows, 1))
    }
}
