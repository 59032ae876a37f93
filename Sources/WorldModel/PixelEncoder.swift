import Learning
import TensorCore

/// Encodes RGB images: pooled frame → per-pixel feature MLP (a stack of 1x1 convolutions, run as GEMMs
/// over all pixels of the batch) → spatial soft-argmax (one keypoint per channel) → MLP head → `z`.
///
/// Keypoints make the encoder find each object by appearance and report its position, which is
/// what the transition model and the linear probe need.
public struct PixelEncoder: ObservationEncoder {
    /// Per-pixel feature network: RGB in `[-1, 1]` → keypoint logits.
    public var pixelNetwork: MLP
    /// Keypoints → latent.
    public var head: MLP
    /// The keypoint layer (its buffers are copied into each workspace).
    let keypoints: SpatialSoftmax

    /// A fresh encoder for `config` and pooled frames of side `frameSide` (weights from `childSeed(seed, 0/1)`).
    public init(config: WorldModelConfig, frameSide: Int, seed: UInt64) {
        pixelNetwork = MLP(config: MLPConfig(inputSize: 3, hiddenSizes: config.pixelHidden, outputSize: config.keypoints,
                                             activation: .relu, outputActivation: .identity, layerNorm: false),
                           seed: childSeed(seed, 0))
        keypoints = SpatialSoftmax(height: frameSide, width: frameSide, channels: config.keypoints,
                                   sharpness: config.keypointSharpness)
        head = encoderHead(config: config, inputSize: 2 * config.keypoints, seed: seed)
    }

    public var kind: EncoderInput { .pixels }
    public var latentSize: Int { head.config.outputSize }

    public var networks: [MLP] {
        get { [pixelNetwork, head] }
        set { (pixelNetwork, head) = (newValue[0], newValue[1]) }
    }

    /// Pooled frames as pixel rows `[frames.count * side², 3]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix { data.pixelRows(frames: frames) }

    public func makeWorkspace() -> EncoderWorkspace {
        EncoderWorkspace(networks: [MLPWorkspace(for: pixelNetwork), MLPWorkspace(for: head)], keypoints: keypoints)
    }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        let logits = pixelNetwork.forward(input, workspace: &workspace.networks[0])
        let points = workspace.keypoints!.forward(logits)
        return head.forward(points, workspace: &workspace.networks[1])
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        let gradKeypoints = head.backward(gradLatent, workspace: &workspace.networks[1], gradients: &gradients[1])
        pixelNetwork.accumulateParameterGradients(workspace.keypoints!.backward(gradKeypoints),
                                                  workspace: &workspace.networks[0], gradients: &gradients[0])
    }
}
