import Learning
import TensorCore

/// An observation encoder: one kind of observation in, a latent `z` out (weights as a value).
///
/// Every caller owns an `EncoderWorkspace`; gradients go to caller-owned buffers (one per network,
/// in `networks` order), so one encoder serves several threads. `StateEncoder`, `PixelEncoder`, `SlotEncoder`,
/// `LidarEncoder` and `FusedEncoder` (late fusion of several of them) conform; `EncoderInput` names the kind a run's
/// config asks for.
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
    /// Lidar: each convolution's unfolded input.
    var patches: [Matrix] = []
    /// Fusion: each fused sensor encoder's workspace.
    var parts: [EncoderWorkspace] = []
    /// Slots: the masks of the last forward pass.
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

/// The encoder for `config.input`: standardised state → MLP head, pixels → keypoints → MLP head (or object slots,
/// `config.usesSlots`), lidar → circular
/// convolutions → MLP head, or several of them fused (each sensor a `config.latentSize` latent of its own, sensor `i`'s
/// encoder seeded by `childSeed(seed, 10 + i)`).
///
/// `lidarNormalizer` (one column per ray) is required when the input reads lidar.
func makeEncoder(config: WorldModelConfig, stateNormalizer: Normalizer, lidarNormalizer: Normalizer?, frameSide: Int,
                 seed: UInt64) -> any ObservationEncoder {
    func sensor(_ input: EncoderInput, seed: UInt64) -> FusedEncoder.Part {
        switch input {
        case .pixels where config.usesSlots:
            return .init(encoder: SlotEncoder(config: config, frameSide: frameSide, seed: seed),
                         rowsPerFrame: frameSide * frameSide, columns: 3)
        case .pixels:
            return .init(encoder: PixelEncoder(config: config, frameSide: frameSide, seed: seed),
                         rowsPerFrame: frameSide * frameSide, columns: 3)
        case .lidar:
            guard let lidarNormalizer else { preconditionFailure("makeEncoder: a lidar encoder needs the lidar statistics") }
            return .init(encoder: LidarEncoder(config: config, lidarNormalizer: lidarNormalizer, seed: seed),
                         rowsPerFrame: 1, columns: lidarNormalizer.count)
        case .state:
            return .init(encoder: StateEncoder(config: config, stateNormalizer: stateNormalizer, seed: seed),
                         rowsPerFrame: 1, columns: stateNormalizer.count)
        case .stateLidar, .pixelsLidar:
            preconditionFailure("makeEncoder: \(input.rawValue) is not a single sensor")
        }
    }
    let sensors = config.input.sensors
    guard sensors.count > 1 else { return sensor(config.input, seed: seed).encoder }
    return FusedEncoder(kind: config.input, parts: sensors.enumerated().map { sensor($1, seed: childSeed(seed, 10 + $0)) })
}

/// The encoder head's architecture: `inputSize` features → `config.encoderHidden` → latent.
func encoderHead(config: WorldModelConfig, inputSize: Int, seed: UInt64) -> MLP {
    MLP(config: MLPConfig(inputSize: inputSize, hiddenSizes: config.encoderHidden, outputSize: config.latentSize,
                          activation: .relu, outputActivation: .identity, layerNorm: false),
        seed: childSeed(seed, 1))
}
