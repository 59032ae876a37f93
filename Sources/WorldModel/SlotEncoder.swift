import Learning
import TensorCore

/// Encodes RGB images as object slots (C-SWM's encoder): a CNN object extractor (a 3x3 convolution as
/// a GEMM over image patches, then 1x1 convolutions) gives `K + 1` logits per pixel, `SlotMasks` turns
/// them into `K` competing object masks (and a background) and their moments, and one MLP shared by
/// the slots maps each slot's features to its latent.
///
/// The latent is the slots side by side: `[F, K * D]`, slot `k` at columns `k * D ..< (k + 1) * D`.
public struct SlotEncoder: ObservationEncoder {
    /// Image patches `[F * side², 27]` → per-pixel logits `[F * side², K + 1]` (background last).
    public var objectNetwork: MLP
    /// A slot's mask moments `[F * K, 6]` → its latent `[F * K, D]`.
    public var slotNetwork: MLP
    /// The mask layer (its buffers are copied into each workspace).
    let slotMasks: SlotMasks

    /// The object extractor's convolution window.
    public static let window = 3

    /// A fresh encoder for `config` (its `slotCount` resolved) and pooled frames of side `frameSide`
    /// (weights from `childSeed(seed, 0/1)`).
    public init(config: WorldModelConfig, frameSide: Int, seed: UInt64) {
        guard let slots = config.slotCount else { preconditionFailure("SlotEncoder: the config's slotCount is not resolved") }
        slotMasks = SlotMasks(side: frameSide, slots: slots)
        objectNetwork = MLP(config: MLPConfig(inputSize: SlotEncoder.window * SlotEncoder.window * 3, hiddenSizes: config.pixelHidden,
                                              outputSize: slots + 1, activation: .relu, outputActivation: .identity,
                                              layerNorm: false),
                            seed: childSeed(seed, 0))
        slotNetwork = MLP(config: MLPConfig(inputSize: SlotMasks.featureSize, hiddenSizes: config.slotHiddenSizes,
                                            outputSize: config.slotLatentSize, activation: .relu, outputActivation: .identity,
                                            layerNorm: false),
                          seed: childSeed(seed, 1))
    }

    public var kind: EncoderInput { .pixels }
    /// Object slots.
    public var slots: Int { slotMasks.slots }
    /// Latent size of one slot.
    public var slotSize: Int { slotNetwork.config.outputSize }
    public var latentSize: Int { slots * slotSize }
    /// Side of the pooled frames read.
    public var frameSide: Int { slotMasks.side }

    public var networks: [MLP] {
        get { [objectNetwork, slotNetwork] }
        set { (objectNetwork, slotNetwork) = (newValue[0], newValue[1]) }
    }

    /// The `window²` neighbourhoods of the pooled frames' pixels: `[frames.count * side², 27]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix {
        ImagePatches.patches(data.pixelRows(frames: frames), side: frameSide, window: SlotEncoder.window)
    }

    public func makeWorkspace() -> EncoderWorkspace {
        EncoderWorkspace(networks: [MLPWorkspace(for: objectNetwork), MLPWorkspace(for: slotNetwork)], slotMasks: slotMasks)
    }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        let logits = objectNetwork.forward(input, workspace: &workspace.networks[0])
        let features = workspace.slotMasks!.forward(logits)
        let z = slotNetwork.forward(features, workspace: &workspace.networks[1])
        return z.reshaped(rows: z.rows / slots, cols: latentSize)
    }

    /// `MaskColourFit`'s loss, weighted by `weight` and each channel's share priced by `price`, of the masks of the last
    /// forward pass on `input` (each pixel's colour the centre of its patch) against the channels' `prototypes`
    /// `[K + 1, 3]`; its gradient joins the next `backward`.
    public func fitMaskColours(_ input: Matrix, prototypes: Matrix, weight: Float, price: MaskColourSparsity,
                               workspace: inout EncoderWorkspace) -> Float {
        let centre = (SlotEncoder.window * SlotEncoder.window / 2) * 3
        return workspace.slotMasks!.fitColours(input.columns(centre..<(centre + 3)), prototypes: prototypes, weight: weight,
                                               price: price)
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        let gradSlots = gradLatent.reshaped(rows: gradLatent.rows * slots, cols: slotSize)
        let gradFeatures = slotNetwork.backward(gradSlots, workspace: &workspace.networks[1], gradients: &gradients[1])
        objectNetwork.accumulateParameterGradients(workspace.slotMasks!.backward(gradFeatures),
                                                   workspace: &workspace.networks[0], gradients: &gradients[0])
    }

    /// The object masks of frames of `data`: `[frames.count * side², K + 1]` (background last), in chunks of `chunk` frames.
    public func masks(_ data: EpisodeData, frames: [Int], chunk: Int = 64) -> Matrix {
        var workspace = makeWorkspace()
        var out = Matrix(rows: frames.count * frameSide * frameSide, cols: slots + 1)
        var start = 0
        while start < frames.count {
            let end = min(start + chunk, frames.count)
            _ = forward(input(data, frames: Array(frames[start..<end])), workspace: &workspace)
            let masks = workspace.slotMasks!.masks
            out.copyRows(from: masks, at: 0, count: masks.rows, to: start * frameSide * frameSide)
            start = end
        }
        return out
    }
}
