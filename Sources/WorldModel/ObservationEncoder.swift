import Learning
import TensorCore

/// An observation encoder: one kind of observation in, a latent `z` out (weights as a value).
///
/// Every caller owns an `EncoderWorkspace`; gradients go to caller-owned buffers (one per network,
/// in `networks` order), so one encoder serves several threads. `StateEncoder`, `PixelEncoder` and
/// `SlotEncoder` conform; `EncoderInput` names the kind a run's config asks for.
public protocol ObservationEncoder: Sendable {
    /// The observation kind read.
    var kind: EncoderInput { get }
    /// The latent dimension.
    var latentSize: Int { get }
    /// The trainable networks, in checkpoint order.
    var networks: [MLP] { get set }
    /// The encoder input for frames of `data` (rows in frame order; several rows per frame for images).
    func input(_ data: EpisodeData, frames: [Int]) -> Matrix
    /// Empty buffers for this encoder.
    func makeWorkspace() -> EncoderWorkspace
    /// Forward pass on an `input(...)` batch: `[B, latentSize]` (sharing a workspace buffer).
    func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix
    /// Backward pass for the workspace's last `forward`: adds parameter gradients to `gradients` (one buffer per network).
    func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]])
}

/// One caller's buffers for an `ObservationEncoder`: a workspace per network and, for images, the keypoint layer's.
public struct EncoderWorkspace: Sendable {
    var networks: [MLPWorkspace]
    var keypoints: SpatialSoftmax?
    var slotMasks: SlotMasks?
}

extension ObservationEncoder {
    /// Encodes frames of `data` in chunks of `chunk`: `[frames.count, latentSize]`.
    public func encode(_ data: EpisodeData, frames: [Int], chunk: Int = 256) -> Matrix {
        var workspace = makeWorkspace()
        var out = Matrix(rows: frames.count, cols: latentSize)
        var start = 0
        while start < frames.count {
            let end = min(start + chunk, frames.count)
            out.copyRows(from: forward(input(data, frames: Array(frames[start..<end])), workspace: &workspace),
                         at: 0, count: end - start, to: start)
            start = end
        }
        return out
    }

    /// Zero gradient buffers, one per network.
    public func zeroGradients() -> [[Float]] { networks.map { $0.zeroGradients() } }
}

/// The encoder for `config.input`: standardised state → MLP head, pixels → keypoints → MLP head, or pixels → object slots.
func makeEncoder(config: WorldModelConfig, stateNormalizer: Normalizer, frameSide: Int, seed: UInt64) -> any ObservationEncoder {
    switch config.input {
    case .state: StateEncoder(config: config, stateNormalizer: stateNormalizer, seed: seed)
    case .pixels where config.usesSlots: SlotEncoder(config: config, frameSide: frameSide, seed: seed)
    case .pixels: PixelEncoder(config: config, frameSide: frameSide, seed: seed)
    }
}

/// The encoder head's architecture: `inputSize` features → `config.encoderHidden` → latent.
func encoderHead(config: WorldModelConfig, inputSize: Int, seed: UInt64) -> MLP {
    MLP(config: MLPConfig(inputSize: inputSize, hiddenSizes: config.encoderHidden, outputSize: config.latentSize,
                          activation: .relu, outputActivation: .identity, layerNorm: false),
        seed: childSeed(seed, 1))
}
