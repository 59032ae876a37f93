import Learning
import TensorCore

/// Which self-supervised losses train a slot encoder (a config's `selfSupervision`; nil in older runs: contrastive).
public enum SelfSupervision: String, Codable, Sendable, CaseIterable {
    /// The contrastive hinge (or InfoNCE) of the encoder and transition alone.
    case contrastive
    /// Masked slot prediction alone (the transition is not trained).
    case masked
    /// Both, summed (the masked loss weighted by the config's `maskedWeight`).
    case both

    /// Whether the contrastive loss is part of it.
    public var usesContrastive: Bool { self != .masked }
    /// Whether masked slot prediction is part of it.
    public var usesMasked: Bool { self != .contrastive }
}

/// Masked slot prediction, JEPA-style in latent space: one slot of every frame is hidden (zeroed, its index given
/// as a one-hot) and a predictor MLP reads the other slots and predicts the hidden slot's latent; the loss is
/// `λ ½ ‖ẑ_j − sg(z_j)‖²` averaged over the frames, the target taken without gradient (only the context slots and
/// the predictor learn from it).
///
/// The predictor: `[z with slot j zeroed, onehot(j)]` `[B, K * D + K]` → `ẑ_j` `[B, D]`.
public struct MaskedSlotPrediction: Sendable {
    /// Slots per frame.
    public let slots: Int
    /// Latent size of one slot.
    public let slotSize: Int
    /// The loss weight `λ`.
    public let weight: Float
    private var workspace: MLPWorkspace
    private var inputs = Matrix(rows: 0, cols: 0)

    /// The predictor network for `slots` slots of `slotSize` (hidden widths `hidden`), weights from `seed`.
    public static func predictor(slots: Int, slotSize: Int, hidden: [Int], seed: UInt64) -> MLP {
        MLP(config: MLPConfig(inputSize: slots * slotSize + slots, hiddenSizes: hidden, outputSize: slotSize, activation: .relu,
                              outputActivation: .identity, layerNorm: false),
            seed: seed)
    }

    /// The trainer's side for `predictor` (`slots` slots, loss weight `weight`).
    public init(predictor: MLP, slots: Int, weight: Float) {
        self.slots = slots
        slotSize = predictor.config.outputSize
        self.weight = weight
        workspace = MLPWorkspace(for: predictor)
    }

    /// The loss on latents `z` `[B, K * D]`, hiding slot `hidden[r]` of row `r`: adds `∂L/∂z` to `latentGradient` and the
    /// predictor's parameter gradients to `gradients`.
    public mutating func callAsFunction(_ z: Matrix, hidden: [Int], predictor: MLP, latentGradient: inout Matrix,
                                        gradients: inout [Float]) -> Float {
        let b = z.rows, d = slotSize, width = slots * d
        precondition(z.cols == width && hidden.count == b && latentGradient.shape == z.shape,
                     "MaskedSlotPrediction: latents \(z.shape), \(hidden.count) hidden slots")
        inputs.resize(rows: b, cols: width + slots)
        inputs.fill(0)
        for r in 0..<b {
            for c in 0..<width where c / d != hidden[r] { inputs[r, c] = z[r, c] }
            inputs[r, width + hidden[r]] = 1
        }
        let predicted = predictor.forward(inputs, workspace: &workspace)
        var gradPrediction = Matrix(rows: b, cols: d)
        var total = 0.0
        let scale = weight / Float(b)
        for r in 0..<b {
            for c in 0..<d {
                let e = predicted[r, c] - z[r, hidden[r] * d + c]
                total += Double(0.5 * e * e)
                gradPrediction[r, c] = scale * e
            }
        }
        let gradInputs = predictor.backward(gradPrediction, workspace: &workspace, gradients: &gradients)
        for r in 0..<b {
            for c in 0..<width where c / d != hidden[r] { latentGradient[r, c] += gradInputs[r, c] }
        }
        return Float(total) * scale
    }

    /// A hidden slot for each of `count` frames, uniformly.
    public func draw(count: Int, rng: inout RandomStream) -> [Int] {
        (0..<count).map { _ in rng.int(below: slots) }
    }
}
