import Learning
import TensorCore

/// Encodes the lidar's range scan: ranges standardised per ray → circular 1-D convolutions (ReLU, each halving
/// the positions) → MLP head → `z` (`lidarLatentSize` wide, or `latentSize`).
///
/// The scan is a ring (ray 0's neighbours are ray 1 and the last ray), so the convolutions pad circularly
/// (`CircularUnfold`); each runs as an unfold and one GEMM over every position of the batch (a one-layer `MLP`
/// from `kernel * inChannels` to the layer's channels). The head reads the last layer's positions in order, so
/// the latent knows which way, relative to the robot's heading, an obstacle lies.
public struct LidarEncoder: ObservationEncoder {
    /// Per-ray standardisation of the ranges (training statistics).
    public let lidarNormalizer: Normalizer
    /// The convolutions, input side first: each maps a `kernel`-tap patch of its input channels to its channels.
    public var convolutions: [MLP]
    /// The last convolution's positions × channels → latent.
    public var head: MLP
    /// The im2col step of each convolution.
    let unfolds: [CircularUnfold]

    /// A fresh encoder for `config` and scans of `lidarNormalizer.count` rays (convolution `i`'s weights from
    /// `childSeed(seed, 2 + i)`, the head's from `childSeed(seed, 1)`).
    public init(config: WorldModelConfig, lidarNormalizer: Normalizer, seed: UInt64) {
        let kernel = config.lidarKernel ?? 1
        var unfolds: [CircularUnfold] = [], convolutions: [MLP] = []
        var positions = lidarNormalizer.count, channels = 1
        for (index, width) in (config.lidarChannels ?? []).enumerated() {
            let unfold = CircularUnfold(positions: positions, channels: channels, kernel: kernel, stride: 2)
            unfolds.append(unfold)
            convolutions.append(MLP(config: MLPConfig(inputSize: unfold.patchSize, hiddenSizes: [], outputSize: width,
                                                      activation: .relu, outputActivation: .relu, layerNorm: false),
                                    seed: childSeed(seed, 2 + index)))
            (positions, channels) = (unfold.outputPositions, width)
        }
        self.lidarNormalizer = lidarNormalizer
        self.unfolds = unfolds
        self.convolutions = convolutions
        var headConfig = config
        headConfig.latentSize = config.lidarLatentSize ?? config.latentSize
        head = encoderHead(config: headConfig, inputSize: positions * channels, seed: seed)
    }

    public var kind: EncoderInput { .lidar }
    public var latentSize: Int { head.config.outputSize }

    public var networks: [MLP] {
        get { convolutions + [head] }
        set { (convolutions, head) = (Array(newValue.dropLast()), newValue.last!) }
    }

    /// Standardised ranges of `frames`: `[frames.count, rays]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix {
        guard let lidar = data.lidar else { preconditionFailure("LidarEncoder.input: the data has no lidar") }
        var ranges = lidar.gatherRows(frames)
        lidarNormalizer.apply(&ranges)
        return ranges
    }

    public func makeWorkspace() -> EncoderWorkspace {
        EncoderWorkspace(networks: networks.map { MLPWorkspace(for: $0) }, keypoints: nil,
                         patches: unfolds.map { _ in Matrix(rows: 0, cols: 0) })
    }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        var features = input.reshaped(rows: input.rows * input.cols, cols: 1)
        for (index, unfold) in unfolds.enumerated() {
            unfold.forward(features, into: &workspace.patches[index])
            features = convolutions[index].forward(workspace.patches[index], workspace: &workspace.networks[index])
        }
        return head.forward(features.reshaped(rows: input.rows, cols: features.count / input.rows),
                            workspace: &workspace.networks[unfolds.count])
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        let last = unfolds.count
        let gradFlat = head.backward(gradLatent, workspace: &workspace.networks[last], gradients: &gradients[last])
        var gradFeatures = gradFlat.reshaped(rows: gradLatent.rows * (unfolds.last?.outputPositions ?? 1),
                                             cols: convolutions.last?.config.outputSize ?? gradFlat.cols)
        for index in stride(from: last - 1, through: 1, by: -1) {
            let gradPatches = convolutions[index].backward(gradFeatures, workspace: &workspace.networks[index],
                                                           gradients: &gradients[index])
            unfolds[index].backward(gradPatches, into: &gradFeatures)
        }
        if last > 0 {
            convolutions[0].accumulateParameterGradients(gradFeatures, workspace: &workspace.networks[0], gradients: &gradients[0])
        }
    }
}
