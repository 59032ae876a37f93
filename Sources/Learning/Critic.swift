import TensorCore

/// A critic (a GAN's discriminator): an `MLP` that scores rows, every layer spectrally normalised (Miyato et al., 2018).
///
/// Layer l runs with W̃ = W / σ, σ = uᵀ W v estimated by power iteration (`updateSpectralEstimates`, once per
/// training step), so each layer, and with its 1-Lipschitz activations the whole critic, changes its score by at most
/// the L2 change of its input: the critic stays smooth without a gradient penalty. As in the paper, u and v count as
/// constants in the gradients: ∂L/∂W = (G − ⟨G, W̃⟩ u vᵀ) / σ for G = ∂L/∂W̃ (`CriticWorkspace`). Biases are not
/// normalised. The output is one raw score per row (higher: more likely real).
public struct Critic: Sendable {
    /// The raw (unnormalised) weights.
    public internal(set) var network: MLP
    /// Power-iteration estimates of each layer's top singular vectors: left `u` [out], right `v` [in].
    var left: [[Float]], right: [[Float]]

    /// A critic on `inputSize` features with hidden widths `hidden` (leaky-ReLU), weights and start vectors from `seed`.
    public init(inputSize: Int, hidden: [Int], seed: UInt64) {
        network = MLP(config: MLPConfig(inputSize: inputSize, hiddenSizes: hidden, outputSize: 1, activation: .leakyRelu),
                      seed: seed)
        var rng = RandomStream(seed: seed).split(1_000)
        left = network.layers.map { layer in Critic.unit((0..<layer.outputSize).map { _ in rng.normal() }) }
        right = network.layers.map { layer in Critic.unit((0..<layer.inputSize).map { _ in rng.normal() }) }
    }

    /// Every weight and bias (raw), in the network's layout.
    public var parameters: [Float] {
        get { network.parameters }
        set { network.parameters = newValue }
    }

    /// One power iteration per layer: v ← Wᵀu / ‖Wᵀu‖, u ← W v / ‖W v‖.
    public mutating func updateSpectralEstimates() {
        for (l, layer) in network.layers.enumerated() {
            let w = network.parameters[layer.weightRange], start = layer.weightRange.lowerBound
            var v = [Float](repeating: 0, count: layer.inputSize)
            for i in 0..<layer.outputSize {
                let ui = left[l][i], row = start + i * layer.inputSize
                for j in 0..<layer.inputSize { v[j] += w[row + j] * ui }
            }
            v = Critic.unit(v)
            var u = [Float](repeating: 0, count: layer.outputSize)
            for i in 0..<layer.outputSize {
                let row = start + i * layer.inputSize
                var sum: Float = 0
                for j in 0..<layer.inputSize { sum += w[row + j] * v[j] }
                u[i] = sum
            }
            left[l] = Critic.unit(u)
            right[l] = v
        }
    }

    /// Each layer's estimated spectral norm σ = uᵀ W v.
    public var spectralNorms: [Float] {
        network.layers.enumerated().map { l, layer in
            let start = layer.weightRange.lowerBound
            var sigma: Float = 0
            for i in 0..<layer.outputSize {
                var sum: Float = 0
                for j in 0..<layer.inputSize { sum += network.parameters[start + i * layer.inputSize + j] * right[l][j] }
                sigma += left[l][i] * sum
            }
            return sigma
        }
    }

    /// `values` scaled to unit L2 norm (left as they are when zero).
    static func unit(_ values: [Float]) -> [Float] {
        let norm = Float(VectorReductions.sumOfSquares(values).squareRoot())
        return norm > 0 ? values.map { $0 / norm } : values
    }
}
