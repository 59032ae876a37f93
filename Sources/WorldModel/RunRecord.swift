import Foundation
import Learning

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
    /// The dataset the run was trained on; nil in runs recorded before runs noted theirs.
    public var dataset: DatasetReference?
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

    public init(config: WorldModelConfig, data: DataSignature, dataset: DatasetReference? = nil) {
        self.config = config
        self.data = data
        self.dataset = dataset
        phase = .contrastive
        epochsDone = 0
        history = []
        bestValidation = [:]
        optimizers = [:]
    }
}

extension RunRecord {
    /// The body layout the run's state-space forward models use (nil: flat `[s, a]` models).
    public var stateLayout: BodyLayout? {
        guard config.factorizedStateModel else { return nil }
        let robotBodies = config.robotBodies ?? false
        return BodyLayout(labels: data.stateLabels, bodies: data.bodies, frame: config.stateFrame ?? .world,
                          pointAction: data.pointAction ?? false, wheelAction: robotBodies && data.wheelAction == true,
                          splitsJoints: robotBodies, keepsPivots: robotBodies && config.pivotedLinks == true)
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
    /// The file at `path` (a dataset's manifest) changed since the run recorded its CRC-32 in its record's `field`.
    case changed(path: String, field: String, recorded: UInt32, found: UInt32)
    /// The folder at `path` holds `stranger`, which no run writes, so it is not replaced.
    case notARun(path: String, stranger: String)
    /// `--resume` was asked to continue a run with something (`field`: the dataset, a config field) other than it was
    /// started with.
    case resumeMismatch(path: String, field: String, recorded: String, requested: String)

    public var description: String {
        switch self {
        case let .mismatch(path, field, expected, found):
            return "\(path): field '\(field)' does not fit the model: expected \(expected), found \(found)"
        case let .corrupt(path, reason):
            return "\(path): not a usable Foresight checkpoint: \(reason)"
        case let .missing(path, what):
            return "\(path): \(what)"
        case let .changed(path, field, recorded, found):
            return "\(path): changed since the run was trained on it (its CRC-32 is \(found), the run's record has \(recorded) "
                + "in field '\(field)'); name the dataset to use it as it is now"
        case let .notARun(path, stranger):
            return "\(path): is not a run folder (it holds '\(stranger)'); refusing to replace it, even with --force"
        case let .resumeMismatch(path, field, recorded, requested):
            let remedy = field == "dataset" ? "resume on the dataset it was trained on" : "drop the option to continue as before"
            return "\(path): --resume continues a run as it was started, but \(field) differs: the run has \(recorded), "
                + "this command asks for \(requested) (\(remedy), or train a new run)"
        }
    }
}
