import Learning
import TensorCore

/// The contrastive state encoder: observation → latent `z`.
///
/// - State input: standardised state vector → MLP head → `z`.
/// - Pixel input: pooled RGB frame → per-pixel feature MLP (a stack of 1x1 convolutions, run as
///   GEMMs over all pixels of the batch) → spatial soft-argmax (one keypoint per channel) →
///   MLP head → `z`. Keypoints make the encoder find each object by appearance and report its
///   position, which is what the transition model and the linear probe need.
public final class ObservationEncoder {
    /// The run's configuration (encoder fields).
    public let config: WorldModelConfig
    /// State standardisation (identity for pixel input).
    public let stateNormalizer: Normalizer
    /// Per-pixel feature network (pixel input only).
    public let pixelNetwork: MLP?
    /// Keypoint head input → latent.
    public let head: MLP
    private var softArgmax: SpatialSoftmax?

    /// Builds an encoder; `frameSide` is the pooled image side (pixel input), `stateNormalizer` the state statistics.
    public init(config: WorldModelConfig, stateNormalizer: Normalizer, frameSide: Int, seed: UInt64) {
        self.config = config
        self.stateNormalizer = stateNormalizer
        let headInput: Int
        switch config.input {
        case .state:
            pixelNetwork = nil
            softArgmax = nil
            headInput = stateNormalizer.count
        case .pixels:
            pixelNetwork = MLP(config: MLPConfig(inputSize: 3, hiddenSizes: config.pixelHidden, outputSize: config.keypoints,
                                                 activation: .relu, outputActivation: .identity, layerNorm: false),
                               seed: childSeed(seed, 0))
            softArgmax = SpatialSoftmax(height: frameSide, width: frameSide, channels: config.keypoints,
                                        sharpness: config.keypointSharpness)
            headInput = 2 * config.keypoints
        }
        head = MLP(config: MLPConfig(inputSize: headInput, hiddenSizes: config.encoderHidden, outputSize: config.latentSize,
                                     activation: .relu, outputActivation: .identity, layerNorm: false),
                   seed: childSeed(seed, 1))
    }

    /// The trainable networks, in checkpoint order.
    public var networks: [MLP] { [pixelNetwork, head].compactMap { $0 } }

    /// The encoder input for frames of `data`: pixel rows `[B * side², 3]` or standardised states `[B, D]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix {
        switch config.input {
        case .pixels:
            return data.pixelRows(frames: frames)
        case .state:
            var states = data.states.gatherRows(frames)
            stateNormalizer.apply(&states)
            return states
        }
    }

    /// Forward pass on an `input(...)` batch: `[B, latentSize]`.
    public func forward(_ input: Matrix) -> Matrix {
        guard let pixelNetwork, softArgmax != nil else { return head.forward(input) }
        let logits = pixelNetwork.forward(input)
        let keypoints = softArgmax!.forward(logits)
        return head.forward(keypoints)
    }

    /// Backward pass for the last `forward`: accumulates parameter gradients.
    public func backward(_ gradLatent: Matrix) {
        guard let pixelNetwork, let softArgmax else {
            head.accumulateParameterGradients(gradLatent)
            return
        }
        let gradKeypoints = head.backward(gradLatent)
        pixelNetwork.accumulateParameterGradients(softArgmax.backward(gradKeypoints))
    }

    /// Encodes frames of `data` in chunks of `chunk`: `[frames.count, latentSize]`.
    public func encode(_ data: EpisodeData, frames: [Int], chunk: Int = 256) -> Matrix {
        var out = Matrix(rows: frames.count, cols: config.latentSize)
        var start = 0
        while start < frames.count {
            let end = min(start + chunk, frames.count)
            let z = forward(input(data, frames: Array(frames[start..<end])))
            for r in 0..<(end - start) {
                for c in 0..<z.cols { out[start + r, c] = z[r, c] }
            }
            start = end
        }
        return out
    }
}
