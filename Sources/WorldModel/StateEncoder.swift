import Learning
import TensorCore

/// Encodes the state vector: standardised with dataset statistics, then an MLP head → `z`.
public struct StateEncoder: ObservationEncoder {
    /// State standardisation (training statistics).
    public let stateNormalizer: Normalizer
    /// The head: standardised state → latent.
    public var head: MLP

    /// A fresh encoder for `config` (head weights from `childSeed(seed, 1)`).
    public init(config: WorldModelConfig, stateNormalizer: Normalizer, seed: UInt64) {
        self.stateNormalizer = stateNormalizer
        head = encoderHead(config: config, inputSize: stateNormalizer.count, seed: seed)
    }

    public var kind: EncoderInput { .state }
    public var latentSize: Int { head.config.outputSize }

    public var networks: [MLP] {
        get { [head] }
        set { head = newValue[0] }
    }

    /// Standardised states of `frames`: `[frames.count, D]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix {
        var states = data.states.gatherRows(frames)
        stateNormalizer.apply(&states)
        return states
    }

    public func makeWorkspace() -> EncoderWorkspace { EncoderWorkspace(networks: [MLPWorkspace(for: head)], keypoints: nil) }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        head.forward(input, workspace: &workspace.networks[0])
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        head.accumulateParameterGradients(gradLatent, workspace: &workspace.networks[0], gradients: &gradients[0])
    }
}
