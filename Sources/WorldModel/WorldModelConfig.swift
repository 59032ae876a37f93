import Foundation
import Learning
import TensorCore

/// Which observation the contrastive encoder reads.
public enum EncoderInput: String, Codable, Sendable, CaseIterable {
    /// The state vector (normalised with dataset statistics).
    case state
    /// The RGB image, average-pooled, through per-pixel features and spatial soft-argmax keypoints.
    case pixels
    /// The lidar's range scan (standardised per ray) through circular 1-D convolutions.
    case lidar
    /// The state and the lidar scan, each encoded on its own, their latents fused (late fusion).
    case stateLidar = "state+lidar"
    /// The image and the lidar scan, each encoded on its own, their latents fused (late fusion).
    case pixelsLidar = "pixels+lidar"
}

/// Which forward models a run trains: predictive coding, its backprop twin, or both.
public enum ForwardKind: String, Codable, Sendable, CaseIterable {
    case pc, bp, both

    /// Whether the predictive-coding model is trained.
    public var trainsPC: Bool { self != .bp }
    /// Whether the backprop model is trained.
    public var trainsBP: Bool { self != .pc }
}

/// The contrastive objective of the encoder and latent transition (Learning's losses).
public enum ContrastiveObjective: Codable, Sendable, Equatable {
    /// C-SWM's energy hinge: `½‖z + T − z'‖² + max(0, margin − ½‖z̃ − z'‖²)`, negatives from the batch.
    case hinge(margin: Float)
    /// InfoNCE over the batch between `z + T` and `z'` (dot-product logits over a temperature).
    case infoNCE(temperature: Float)
}

/// How the forward models' learning rate changes over the epochs of a phase.
public enum LearningRateSchedule: String, Codable, Sendable, CaseIterable {
    /// The configured rate throughout.
    case constant
    /// Half a cosine from the configured rate toward zero: epoch `e` of `E` uses `½(1 + cos(πe/E))` of it.
    case cosine

    /// The fraction of the configured rate for epoch `epoch` (0-based) of `epochs`.
    public func factor(epoch: Int, of epochs: Int) -> Float {
        switch self {
        case .constant: 1
        case .cosine: Float(0.5 * (1 + cos(Double.pi * Double(epoch) / Double(max(epochs, 1)))))
        }
    }
}

/// Extra training transitions for the state-space forward models.
public enum StateAugmentation: String, Codable, Sendable, CaseIterable {
    /// The recorded transitions only.
    case none
    /// Every recorded transition also under the seven other symmetries of a square world (8x the data;
    /// the dataset's world must have them: `WorldSpec.hasSquareSymmetry`).
    case squareSymmetries
}

/// Everything that defines a training run (a spec: Codable, stored in every checkpoint).
public struct WorldModelConfig: Codable, Sendable, Equatable {
    /// The encoder's observation kind.
    public var input: EncoderInput = .pixels
    /// Latent dimension.
    public var latentSize: Int = 32
    /// Pixels: average-pooling factor applied to the image before the encoder.
    public var pixelPooling: Int = 2
    /// Pixels: hidden widths of the per-pixel feature network (a stack of 1x1 convolutions).
    public var pixelHidden: [Int] = [16]
    /// Pixels: number of keypoints (soft-argmax channels).
    public var keypoints: Int = 16
    /// Pixels: inverse temperature of the keypoint softmax (sharp from the start, so gradients reach the colours).
    public var keypointSharpness: Float = 10
    /// Hidden widths of the encoder head (keypoints or state → latent).
    public var encoderHidden: [Int] = []
    /// Hidden widths of the latent transition MLP `T(z, a)`.
    public var transitionHidden: [Int] = [64]
    /// The contrastive objective.
    public var objective: ContrastiveObjective = .hinge(margin: 1)
    /// Hinge: the fraction of negatives taken from the same episode (another time step) instead of the batch.
    public var sameEpisodeNegatives: Float = 0.5
    /// Encoder epochs.
    public var encoderEpochs: Int = 30
    /// Encoder mini-batch size (transitions).
    public var encoderBatch: Int = 64
    /// Encoder and transition learning rate (Adam).
    public var encoderLearningRate: Float = 3e-3
    /// Which forward models to train.
    public var forward: ForwardKind = .both
    /// Hidden widths of the forward models (PC and backprop share the architecture).
    public var forwardHidden: [Int] = [128, 128]
    /// Networks averaged in each forward model; nil: one (as in runs made before the option existed; `train` asks for three).
    public var forwardEnsembleSize: Int?
    /// Hidden activation of the forward models.
    public var forwardActivation: Activation = .relu
    /// Whether the state-space forward models are object-factorised (one shared network per body).
    public var factorizedStateModel: Bool = true
    /// The frame of the factorised state model's inputs and targets; nil in runs made before the option existed (world).
    public var stateFrame: StateFrame? = .body
    /// Extra transitions for the state-space forward models; nil in runs made before the option existed (none).
    public var stateAugmentation: StateAugmentation?
    /// Forward-model epochs (latent and state models alike).
    public var forwardEpochs: Int = 100
    /// Forward-model mini-batch size.
    public var forwardBatch: Int = 32
    /// Forward-model learning rate (Adam, for the weights of both models).
    public var forwardLearningRate: Float = 1e-3
    /// How the forward-model learning rate changes over the epochs; nil in runs made before the option existed (constant).
    public var forwardSchedule: LearningRateSchedule? = .cosine
    /// Decoupled weight decay λ of the forward models' Adam (AdamW); nil: none, plain Adam (as in runs made before the
    /// option existed; `train` asks for 0.01).
    public var forwardWeightDecay: Float?
    /// State models only: from the second epoch on, each epoch also trains on the model's own predictions up to this many
    /// steps ahead, paired with the recorded next states (`RolloutPairs`, Data as Demonstrator); nil or 0: one-step
    /// pairs alone (as in runs made before the option existed).
    public var stateRolloutHorizon: Int?
    /// Predictive coding: inference steps per batch.
    public var pcInferenceSteps: Int = 8
    /// Predictive coding: inference rate of the value nodes.
    public var pcInferenceRate: Float = 0.5
    /// Predictive coding: standard, incremental or fixed-prediction.
    public var pcVariant: PCVariant = .fixedPrediction
    /// The root seed; every epoch's randomness derives from `(seed, phase, epoch)`.
    public var seed: UInt64 = 1

    // Structured state models of every robot (issue 19).

    /// Whether the body-frame state model also splits jointed robots (an arm's links, joints as per-body fields) and
    /// turns a differential drive's wheel-speed action into each body's frame (`BodyLayout+Joints.swift`,
    /// `BodyLayout+WheelAction.swift`); nil in runs made before the option existed (neither: the arm got the flat model).
    public var robotBodies: Bool? = true
    /// Whether the body-frame state model predicts an arm's links about their pivots (`BodyLayout+Pivots.swift`); nil in
    /// runs made before the option existed (each link by its own displacement).
    public var pivotedLinks: Bool? = true

    // Lidar encoder fields (issue 19); nil in runs made before lidar encoders existed, which read no lidar.
    /// Lidar: output channels of each circular 1-D convolution (each one halves the positions).
    public var lidarChannels: [Int]? = [16, 32]
    /// Lidar: taps of each convolution kernel (odd, centred).
    public var lidarKernel: Int? = 5
    /// Lidar: the lidar encoder's latent dimension; nil: `latentSize`.
    public var lidarLatentSize: Int?

    // Object slots (issue 14). Every field is nil in runs made before them, which use keypoints.

    /// Pixels: the encoder (nil: keypoints).
    public var pixelEncoder: PixelEncoderKind?
    /// Slots: how many; nil asks for the world's body count, which a fresh run records here.
    public var slotCount: Int?
    /// Slots: the latent size of one slot (nil: 8); a fresh run sets `latentSize` to `slotCount × slotSize`.
    public var slotSize: Int?
    /// Slots: hidden widths of the per-slot MLP from a slot's mask features to its latent (nil: [64]).
    public var slotHidden: [Int]?
    /// Slots: the self-supervised losses (nil: contrastive alone); masked slot prediction needs slots.
    public var selfSupervision: SelfSupervision?
    /// Slots: the weight of the masked slot prediction loss beside the contrastive one (nil: 1).
    public var maskedWeight: Float?
    /// Slots: the weight of the mask colour loss (`MaskColourFit`: the masks rebuild each pixel's colour from the training
    /// frames' pure colours) beside the other losses; nil: none (as in runs made before it).
    public var maskColourWeight: Float?
    /// Slots: what the mask colour loss's sparse term charges a channel for its share of a pixel; nil: `distance` (as in
    /// runs made before `contrast`), while a fresh run with the loss records `contrast` unless this asks for another.
    public var maskColourSparsity: MaskColourSparsity?

    public init() {}

    /// Whether the encoder is the object-slot one (pixels through `SlotEncoder`, the transition a `GraphTransition`).
    public var usesSlots: Bool { input == .pixels && pixelEncoder == .slots }
    /// Slots: the latent size of one slot.
    public var slotLatentSize: Int { slotSize ?? 8 }
    /// The self-supervised losses of the encoder.
    public var losses: SelfSupervision { selfSupervision ?? .contrastive }
    /// Slots: the mask colour loss's price of a channel's share.
    public var maskColourPrice: MaskColourSparsity { maskColourSparsity ?? .distance }
    /// Slots: the per-slot MLP's hidden widths.
    public var slotHiddenSizes: [Int] { slotHidden ?? [64] }

    /// This config with its slot count resolved (`bodies` when unset), `latentSize` made `slotCount × slotSize` and, with
    /// the mask colour loss, its price `contrast` when unset; unchanged without slots.
    public func resolvingSlots(bodies: Int) -> WorldModelConfig {
        guard usesSlots else { return self }
        var config = self
        config.slotCount = slotCount ?? bodies
        config.latentSize = config.slotCount! * slotLatentSize
        if maskColourWeight != nil { config.maskColourSparsity = maskColourSparsity ?? .contrast }
        return config
    }

    /// Networks averaged in each forward model.
    public var ensembleSize: Int { forwardEnsembleSize ?? 1 }

    /// Throws `ConfigurationError` naming the first invalid field.
    public func validate() throws {
        func positive(_ value: Int, _ name: String) throws {
            guard value > 0 else { throw ConfigurationError("\(name) must be positive, got \(value)") }
        }
        try positive(latentSize, "latentSize")
        try positive(pixelPooling, "pixelPooling")
        try positive(keypoints, "keypoints")
        try positive(encoderBatch, "encoderBatch")
        try positive(forwardBatch, "forwardBatch")
        try positive(pcInferenceSteps, "pcInferenceSteps")
        try positive(ensembleSize, "forwardEnsembleSize")
        if let stateRolloutHorizon, stateRolloutHorizon < 0 {
            throw ConfigurationError("stateRolloutHorizon must be ≥ 0, got \(stateRolloutHorizon)")
        }
        if let forwardWeightDecay, !(forwardWeightDecay >= 0 && forwardWeightDecay.isFinite) {
            throw ConfigurationError("forwardWeightDecay must be a finite number ≥ 0, got \(forwardWeightDecay)")
        }
        if input.readsLidar {
            guard let channels = lidarChannels, !channels.isEmpty, channels.allSatisfy({ $0 > 0 }) else {
                throw ConfigurationError("lidarChannels must be one or more positive widths, got \(lidarChannels.map { "\($0)" } ?? "none")")
            }
            if let lidarLatentSize { try positive(lidarLatentSize, "lidarLatentSize") }
            guard let kernel = lidarKernel, kernel > 0, kernel % 2 == 1 else {
                throw ConfigurationError("lidarKernel must be a positive odd number, got \(lidarKernel.map(String.init) ?? "none")")
            }
        }
        guard (0...1).contains(sameEpisodeNegatives) else { throw ConfigurationError("sameEpisodeNegatives must be in [0, 1]") }
        guard encoderEpochs >= 0, forwardEpochs >= 0 else { throw ConfigurationError("epochs must not be negative") }
        if let slotCount { try positive(slotCount, "slotCount") }
        try positive(slotLatentSize, "slotSize")
        guard pixelEncoder != .slots || input == .pixels else { throw ConfigurationError("pixelEncoder slots needs input pixels") }
        guard !(selfSupervision?.usesMasked ?? false) || usesSlots else {
            throw ConfigurationError("selfSupervision \(selfSupervision!.rawValue) needs the slot encoder (masked slot prediction)")
        }
        if let maskColourWeight {
            guard maskColourWeight >= 0 && maskColourWeight.isFinite else {
                throw ConfigurationError("maskColourWeight must be a finite number ≥ 0, got \(maskColourWeight)")
            }
            guard usesSlots else { throw ConfigurationError("maskColourWeight needs the slot encoder (it fits the slot masks)") }
        }
        guard maskColourSparsity == nil || maskColourWeight != nil else {
            throw ConfigurationError("maskColourSparsity needs maskColourWeight (it prices the mask colour loss's mixes)")
        }
        guard encoderBatch > 1 else { throw ConfigurationError("encoderBatch must be at least 2 (in-batch negatives)") }
    }
}

/// A seed derived from `seed` for part `index` of a model (independent of any draw order).
func childSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
    var stream = RandomStream(seed: seed).split(index)
    return stream.next()
}
