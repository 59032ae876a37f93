import Foundation
import Learning

/// What a run was trained on: the dataset facts a model depends on.
///
/// Checked before training resumes and before evaluation, so that a model is never fed
/// observations of another shape.
public struct DataSignature: Codable, Sendable, Equatable {
    /// The world's name.
    public var world: String
    /// The state dimension and its labels.
    public var stateSize: Int
    public var stateLabels: [String]
    /// The action dimension.
    public var actionSize: Int
    /// The raw image side (0 when the dataset has no pixels).
    public var pixelSide: Int
    /// Bodies whose positions the state holds.
    public var bodies: [EpisodeData.BodyPositionColumns]
    /// Whether the world has the symmetries of the square (`WorldSpec.hasSquareSymmetry`); nil in runs
    /// recorded before this was noted, which counts as false.
    public var squareSymmetric: Bool?
    /// Whether the action is a target point in world coordinates (a pusher's); nil in runs recorded before
    /// this was noted, which counts as false.
    public var pointAction: Bool?

    public init(world: String, stateSize: Int, stateLabels: [String], actionSize: Int, pixelSide: Int,
                bodies: [EpisodeData.BodyPositionColumns], squareSymmetric: Bool = false, pointAction: Bool = false) {
        self.world = world
        self.stateSize = stateSize
        self.stateLabels = stateLabels
        self.actionSize = actionSize
        self.pixelSide = pixelSide
        self.bodies = bodies
        self.squareSymmetric = squareSymmetric
        self.pointAction = pointAction
    }

    /// Throws a `RunError.mismatch` naming the first field in which `other` (a dataset at `path`) differs.
    public func requireCompatible(_ other: DataSignature, input: EncoderInput, path: String) throws {
        func check(_ ok: Bool, _ field: String, _ expected: String, _ found: String) throws {
            guard ok else { throw RunError.mismatch(path: path, field: field, expected: expected, found: found) }
        }
        try check(stateSize == other.stateSize, "observations.state.shape", "[\(stateSize)]", "[\(other.stateSize)]")
        try check(stateLabels == other.stateLabels, "observations.state.labels",
                  stateLabels.joined(separator: ","), other.stateLabels.joined(separator: ","))
        try check(actionSize == other.actionSize, "action.shape", "[\(actionSize)]", "[\(other.actionSize)]")
        if input == .pixels {
            try check(other.pixelSide > 0, "observations.pixels", "pixels (the encoder reads images)", "no pixels")
            try check(pixelSide == other.pixelSide, "observations.pixels.shape",
                      "[\(pixelSide), \(pixelSide), 3]", "[\(other.pixelSide), \(other.pixelSide), 3]")
        }
    }
}

/// One finished epoch of one model.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// The phase (`contrastive`, `latent`, `state`).
    public var phase: String
    /// The model (`encoder`, `pc`, `bp`).
    public var model: String
    /// The epoch, 1-based within the phase.
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double
    /// Wall time of the epoch (training and validation).
    public var seconds: Double
    /// Training samples processed per second.
    public var samplesPerSecond: Double
}

/// The training phases, in order.
public enum TrainingPhase: Int, Codable, Sendable, CaseIterable {
    /// The encoder and latent transition, contrastively.
    case contrastive
    /// Forward models on the frozen encoder's latents.
    case latent
    /// Forward models on raw states.
    case state
    /// Training is complete.
    case done

    /// The name used in metrics and checkpoints.
    public var name: String { ["contrastive", "latent", "state", "done"][rawValue] }

    /// The space of the forward models this phase trains (nil outside the forward phases).
    public var forwardSpace: ForwardSpace? {
        switch self {
        case .latent: return .latent
        case .state: return .state
        case .contrastive, .done: return nil
        }
    }
}

/// The JSON record in a checkpoint's `__metadata__` (key `foresight.run`): config, data and progress.
public struct RunRecord: Codable, Sendable, Equatable {
    /// The checkpoint format this code writes.
    public static let currentFormatVersion = 1
    public var formatVersion = RunRecord.currentFormatVersion
    public var config: WorldModelConfig
    public var data: DataSignature
    /// The phase in progress (or `.done`).
    public var phase: TrainingPhase
    /// Epochs completed in `phase`.
    public var epochsDone: Int
    /// Every finished epoch so far.
    public var history: [EpochRecord]
    /// The best validation loss of each model so far (`contrastive.encoder`, `latent.pc`, ...).
    public var bestValidation: [String: Double]
    /// Optimizer snapshots without their buffers (those are tensors), by model name.
    public var optimizers: [String: OptimizerState]

    public init(config: WorldModelConfig, data: DataSignature) {
        self.config = config
        self.data = data
        phase = .contrastive
        epochsDone = 0
        history = []
        bestValidation = [:]
        optimizers = [:]
    }
}

/// A run folder or checkpoint cannot be used.
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// The dataset does not fit the model: `field` differs.
    case mismatch(path: String, field: String, expected: String, found: String)
    /// The checkpoint is damaged or of another format.
    case corrupt(path: String, reason: String)
    /// Something needed is missing.
    case missing(path: String, what: String)

    public var description: String {
        switch self {
        case let .mismatch(path, field, expected, found):
            return "\(path): field '\(field)' does not fit the model: expected \(expected), found \(found)"
        case let .corrupt(path, reason):
            return "\(path): not a usable Foresight checkpoint: \(reason)"
        case let .missing(path, what):
            return "\(path): \(what)"
        }
    }
}
