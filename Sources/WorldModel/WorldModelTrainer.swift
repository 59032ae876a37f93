import Foundation
import Learning
import TensorCore

/// What the trainer reports while it runs (for progress bars and logs).
public enum TrainingEvent {
    /// A model's epoch begins: `samples` training samples will be processed.
    case epochStarted(phase: TrainingPhase, model: String, epoch: Int, epochs: Int, samples: Int)
    /// `done` of the epoch's samples are processed.
    case progress(done: Int)
    /// A model's epoch ended.
    case epochFinished(EpochRecord)
}

/// Trains a run phase by phase, epoch by epoch, checkpointing after every epoch.
///
/// Phases: the contrastive encoder and transition; forward models on the frozen encoder's
/// latents; forward models on raw states. Each epoch's randomness is drawn from
/// `RandomStream(seed).split(phase * 100_000 + epoch)`, so a run resumed from its last
/// checkpoint continues exactly like an uninterrupted one. At the end of each phase the
/// models of that phase go back to their best-validation parameters.
///
/// Across the ranks of `communicator` every rank runs the trainer on the same data: forward models
/// train data-parallel (`ForwardTraining`) and split their validation rows, the contrastive phase runs whole on every rank (its hinge
/// negatives come from the whole batch); after every epoch the ranks check that their weights are
/// identical, and only rank 0 writes the run folder.
public final class WorldModelTrainer {
    /// The models and the record being trained.
    public let models: RunModels
    /// Training and validation data.
    public let train: EpisodeData
    public let validation: EpisodeData
    /// The run folder (`last.safetensors`, `best.safetensors`, `metrics.csv`).
    public let runURL: URL
    /// The processes training together (one by default).
    public var communicator: any Communicator = SingleProcess()
    /// Where the fresh models' tensors come from (`train --init`); nil: from their seeds.
    public private(set) var initialisation: RunInitialisation?

    /// Fresh training from `config` on `data` (from `dataset`, which the run records), state statistics fitted on `train`.
    ///
    /// Throws a `RunError.mismatch` naming the dataset when `config` asks what the data lacks.
    public convenience init(config: WorldModelConfig, data: DataSignature, dataset: DatasetReference? = nil, train: EpisodeData,
                            validation: EpisodeData, runURL: URL) throws {
        let record = try WorldModelTrainer.freshRecord(config: config, data: data, dataset: dataset)
        self.init(models: RunModels(record: record, fittedTo: train), train: train, validation: validation, runURL: runURL)
    }

    /// Training that continues `models` (loaded from a checkpoint).
    public init(models: RunModels, train: EpisodeData, validation: EpisodeData, runURL: URL) {
        self.models = models
        self.train = train
        self.validation = validation.episodeCount > 0 ? validation : train
        self.runURL = runURL
    }

    /// The record of a fresh run of `config` on `data` (its slot count resolved), after checking that the data fits the config.
    static func freshRecord(config: WorldModelConfig, data: DataSignature, dataset: DatasetReference?) throws -> RunRecord {
        try config.validate()
        let record = RunRecord(config: config.resolvingSlots(bodies: data.bodies.count), data: data, dataset: dataset)
        try record.checkCompatible(with: data, at: dataset?.path ?? "the training data", for: .training)
        return record
    }

    /// Starts the fresh run from `initialisation`'s tensors: the encoder now, each forward model when its phase creates it.
    public func initialise(from initialisation: RunInitialisation) {
        precondition(models.record.phase == .contrastive && models.record.epochsDone == 0, "initialise a fresh run only")
        self.initialisation = initialisation
        initialisation.initialiseContrastive(models)
    }

    /// The last checkpoint's location.
    public var lastURL: URL { RunCheckpointFile.last.url(in: runURL) }
    /// The best checkpoint's location.
    public var bestURL: URL { RunCheckpointFile.best.url(in: runURL) }
    /// The metrics table's location.
    public var metricsURL: URL { runURL.appendingPathComponent("metrics.csv") }

    /// Runs until training is complete or `epochLimit` epochs (over all phases) have run in this call.
    ///
    /// Returns whether training is complete.
    @discardableResult
    public func run(epochLimit: Int? = nil, onEvent: (TrainingEvent) -> Void = { _ in }) throws -> Bool {
        var budget = epochLimit ?? Int.max
        let config = models.record.config
        while models.record.phase != .done {
            let phase = models.record.phase
            let epochs = phase == .contrastive ? config.encoderEpochs : config.forwardEpochs
            let setup = try PhaseSetup(phase: phase, trainer: self)
            while models.record.epochsDone < epochs {
                guard budget > 0 else { return false }
                try runEpoch(setup, epochs: epochs, onEvent: onEvent)
                budget -= 1
            }
            for (id, values) in models.best { models.setParameters(values, of: id) }
            models.best = [:]
            models.record.phase = TrainingPhase(rawValue: phase.rawValue + 1)!
            models.record.epochsDone = 0
            if models.record.phase == .latent || models.record.phase == .state {
                try PhaseSetup.createForwardModels(phase: models.record.phase, trainer: self)
            }
            try checkpoint()
        }
        return true
    }

    /// One epoch of every model of the phase, then a checkpoint.
    private func runEpoch(_ setup: PhaseSetup, epochs: Int, onEvent: (TrainingEvent) -> Void) throws {
        let record = models.record
        let epoch = record.epochsDone
        var rng = RandomStream(seed: record.config.seed).split(record.phase.rawValue * 100_000 + epoch)
        for model in setup.models {
            let start = Date()
            let pairs = setup.epochPairs(model: model, epoch: epoch, trainer: self)
            let samples = pairs?.inputs.rows ?? setup.trainCount
            onEvent(.epochStarted(phase: record.phase, model: model.name, epoch: epoch + 1, epochs: epochs, samples: samples))
            let (trainLoss, validationLoss) = try setup.epoch(model: model, index: epoch, of: epochs, pairs: pairs, trainer: self,
                                                              rng: &rng) {
                onEvent(.progress(done: $0))
            }
            let seconds = Date().timeIntervalSince(start)
            let row = EpochRecord(phase: record.phase.name, model: model.name, epoch: epoch + 1, trainLoss: trainLoss,
                                  validationLoss: validationLoss, seconds: seconds,
                                  samplesPerSecond: Double(samples) / max(seconds, 1e-9))
            try requireIdenticalWeights(of: model, epoch: epoch + 1)
            models.record.history.append(row)
            if validationLoss < models.record.bestValidation[model.recordName, default: .infinity] {
                models.record.bestValidation[model.recordName] = validationLoss
                let parameters = models.parameters()
                for id in model.networks(of: models) { models.best[id] = parameters[id] }
            }
            onEvent(.epochFinished(row))
        }
        models.record.epochsDone = epoch + 1
        try checkpoint()
    }

    /// Writes `best.safetensors` (best parameters of the phase in progress), `last.safetensors` and `metrics.csv`
    /// (rank 0 only).
    public func checkpoint() throws {
        guard communicator.isLeader else { return }
        try FileManager.default.createDirectory(at: runURL, withIntermediateDirectories: true)
        let last = models.archive()
        var best = last
        for (id, values) in models.best { best.tensors["\(id.name).parameters"] = Tensor(values, shape: [values.count]) }
        best.tensors = best.tensors.filter { !$0.key.hasPrefix("best/") }
        best.metadata[RunModels.checksumKey] = String(RunModels.checksum(best.tensors))
        try best.write(to: bestURL)
        try last.write(to: lastURL)
        try WorldModelTrainer.metricsTable(models.record.history).write(to: metricsURL)
    }

    /// The metrics CSV of `history`.
    public static func metricsTable(_ history: [EpochRecord]) -> MetricsCSV {
        var csv = MetricsCSV(columns: ["phase", "model", "epoch", "train_loss", "val_loss", "seconds", "samples_per_s"])
        for row in history {
            csv.append(["phase": row.phase, "model": row.model, "epoch": String(row.epoch),
                        "train_loss": String(format: "%.6g", row.trainLoss), "val_loss": String(format: "%.6g", row.validationLoss),
                        "seconds": String(format: "%.3f", row.seconds), "samples_per_s": String(format: "%.1f", row.samplesPerSecond)])
        }
        return csv
    }
}

/// A model trained in a phase: the contrastive encoder (with the transition) or a forward model.
enum PhaseModel {
    case encoder
    case forward(ForwardModelID)

    /// The model's name in epoch records and metrics (`encoder`, `pc`, `bp`).
    var name: String {
        switch self {
        case .encoder: return "encoder"
        case let .forward(id): return id.rule.rawValue
        }
    }

    /// The key of the model's best validation loss in the run record (`contrastive.encoder`, `latent.pc`, ...).
    var recordName: String {
        switch self {
        case .encoder: return "\(TrainingPhase.contrastive.name).encoder"
        case let .forward(id): return id.name
        }
    }

    /// The networks the model trains.
    func networks(of models: RunModels) -> [RunNetworkID] {
        switch self {
        case .encoder: return models.contrastiveIDs
        case let .forward(id): return [.forward(id)]
        }
    }
}

/// The data and models of one training phase.
struct PhaseSetup {
    let phase: TrainingPhase
    /// Models trained in this phase (the encoder, or the forward models of the phase's space).
    let models: [PhaseModel]
    /// Training samples per epoch.
    let trainCount: Int
    /// Contrastive phase: transitions of the training and validation data.
    var trainTransitions: [(episode: Int, step: Int)] = []
    var validationTransitions: [(episode: Int, step: Int)] = []
    /// Forward phases: standardised inputs and targets.
    var trainInputs = Matrix(rows: 0, cols: 0), trainTargets = Matrix(rows: 0, cols: 0)
    var validationInputs = Matrix(rows: 0, cols: 0), validationTargets = Matrix(rows: 0, cols: 0)

    init(phase: TrainingPhase, trainer: WorldModelTrainer) throws {
        self.phase = phase
        let config = trainer.models.record.config
        switch phase {
        case .contrastive:
            models = [.encoder]
            trainTransitions = PhaseSetup.transitions(trainer.train)
            validationTransitions = PhaseSetup.transitions(trainer.validation)
            trainCount = trainTransitions.count
        case .latent, .state:
            let ids = PhaseSetup.forwardModels(phase: phase, config: config)
            models = ids.map { .forward($0) }
            if trainer.models.forward[ids[0]] == nil {
                try PhaseSetup.createForwardModels(phase: phase, trainer: trainer)
            }
            let reference = trainer.models.forward[ids[0]]!
            (trainInputs, trainTargets) = PhaseSetup.pairs(phase: phase, data: trainer.train, augmented: true, trainer: trainer,
                                                           model: reference)
            (validationInputs, validationTargets) = PhaseSetup.pairs(phase: phase, data: trainer.validation, augmented: false,
                                                                     trainer: trainer, model: reference)
            trainCount = trainInputs.rows
        case .done:
            models = []
            trainCount = 0
        }
    }

    /// The forward models `config` trains in `phase` (none outside the forward phases).
    static func forwardModels(phase: TrainingPhase, config: WorldModelConfig) -> [ForwardModelID] {
        guard let space = phase.forwardSpace else { return [] }
        return ForwardRule.allCases.filter { $0 == .pc ? config.forward.trainsPC : config.forward.trainsBP }
            .map { ForwardModelID(space: space, rule: $0) }
    }

    /// One training epoch and a validation pass of `model` (a forward model on `pairs`): `(train loss, validation loss)`.
    func epoch(model: PhaseModel, index epoch: Int, of epochs: Int, pairs: (inputs: Matrix, targets: Matrix)?,
               trainer: WorldModelTrainer, rng: inout RandomStream, progress: (Int) -> Void) throws -> (Double, Double) {
        let config = trainer.models.record.config
        switch model {
        case .encoder:
            let order = ContrastiveModel.pairedOrder(trainTransitions, rng: &rng)
            let models = trainer.models
            let trainLoss = try models.contrastiveTraining.run(&models.contrastive, data: trainer.train, transitions: order,
                                                               batchSize: config.encoderBatch, rng: &rng, train: true,
                                                               progress: progress)
            // A fixed shuffle, so validation batches mix episodes (negatives from other states) the same way every epoch.
            var validationRNG = RandomStream(seed: config.seed).split(999_999)
            let validationOrder = ContrastiveModel.pairedOrder(validationTransitions, rng: &validationRNG)
            let validationLoss = try models.contrastiveTraining.run(&models.contrastive, data: trainer.validation,
                                                                    transitions: validationOrder, batchSize: config.encoderBatch,
                                                                    rng: &validationRNG, train: false)
            return (trainLoss, validationLoss)
        case let .forward(id):
            let models = trainer.models
            models.forwardTraining[id]!.learningRate = config.forwardLearningRate
                * (config.forwardSchedule ?? .constant).factor(epoch: epoch, of: epochs)
            let (inputs, targets) = pairs ?? (trainInputs, trainTargets)
            var order = Array(0..<inputs.rows)
            rng.shuffle(&order)
            let trainLoss = try models.forwardTraining[id]!.trainEpoch(&models.forward[id]!, inputs: inputs,
                                                                       targets: targets, order: order,
                                                                       batchSize: config.forwardBatch,
                                                                       communicator: trainer.communicator, progress: progress)
            // Each rank measures its part of the validation rows; the parts' means, weighted by their size, sum to the mean.
            let part = trainer.communicator.share(of: validationInputs.rows)
            var validationLoss = [models.forward[id]!.loss(inputs: validationInputs.rows(part), targets: validationTargets.rows(part))
                                  * Double(part.count) / Double(max(validationInputs.rows, 1))]
            try trainer.communicator.allreduceSum(&validationLoss)
            return (trainLoss, validationLoss[0])
        }
    }

    /// The standardised training pairs of `model` in `epoch` when they are not the phase's one-step pairs: from the second
    /// epoch of a state phase with `stateRolloutHorizon`, the one-step pairs followed by the model's own rollout pairs
    /// (`RolloutPairs`, windows shifted by one step each epoch); nil otherwise.
    func epochPairs(model: PhaseModel, epoch: Int, trainer: WorldModelTrainer) -> (inputs: Matrix, targets: Matrix)? {
        guard case let .forward(id) = model, phase == .state, epoch > 0,
              let horizon = trainer.models.record.config.stateRolloutHorizon, horizon > 0 else { return nil }
        let extra = RolloutPairs.standardized(model: trainer.models.forward[id]!, data: trainer.train, horizon: horizon,
                                              offset: epoch % horizon)
        guard extra.inputs.rows > 0 else { return nil }
        return (Matrix.stacked([trainInputs, extra.inputs]), Matrix.stacked([trainTargets, extra.targets]))
    }

    /// Every `(episode, step)` transition of `data`.
    static func transitions(_ data: EpisodeData) -> [(episode: Int, step: Int)] {
        (0..<data.episodeCount).flatMap { e in (0..<data.steps).map { (episode: e, step: $0) } }
    }

    /// Raw forward-model pairs of `data`: inputs from `(x_t, a_t)` and targets from `x_{t+1} - x_t`, on latents or states.
    ///
    /// With `augmented`, state pairs also come in the run's `stateAugmentation` (training data only).
    static func rawPairs(phase: TrainingPhase, data: EpisodeData, augmented: Bool, trainer: WorldModelTrainer) -> (Matrix, Matrix) {
        let frames = Array(0..<data.frameCount)
        let x = phase == .latent ? trainer.models.contrastive.encoder.encode(data, frames: frames) : data.states
        let current = transitions(data).map { data.frame(episode: $0.episode, step: $0.step) }
        var now = x.gatherRows(current), next = x.gatherRows(current.map { $0 + 1 }), actions = data.actions
        let record = trainer.models.record
        if phase == .state, augmented, record.config.stateAugmentation == .squareSymmetries,
           let bodies = BodyLayout(labels: record.data.stateLabels, bodies: record.data.bodies) {
            (now, next, actions) = SquareSymmetry.augment(states: now, next: next, actions: actions, layout: bodies)
        }
        if phase == .state, let layout = trainer.models.stateLayout {
            return (layout.inputs(states: now, actions: actions), layout.targets(from: now, to: next))
        }
        return (Matrix.columns(now, actions), next - now)
    }

    /// Standardised forward-model pairs (with `model`'s statistics).
    static func pairs(phase: TrainingPhase, data: EpisodeData, augmented: Bool, trainer: WorldModelTrainer,
                      model: ForwardModel) -> (Matrix, Matrix) {
        var (inputs, targets) = rawPairs(phase: phase, data: data, augmented: augmented, trainer: trainer)
        model.inputNormalizer.apply(&inputs)
        model.standardizeTargets(&targets)
        return (inputs, targets)
    }

    /// Creates the phase's forward models with statistics fitted on the training data.
    static func createForwardModels(phase: TrainingPhase, trainer: WorldModelTrainer) throws {
        let config = trainer.models.record.config
        let (inputs, targets) = rawPairs(phase: phase, data: trainer.train, augmented: true, trainer: trainer)
        let layout = phase == .state ? trainer.models.stateLayout : nil
        // State changes are mostly exactly zero (resting blocks): scaled, not centred, so "no change" is output zero.
        let inputNormalizer = Normalizer(fitting: inputs)
        let targetNormalizer = ForwardModel.fitTargets(targets, layout: layout, centred: phase != .state)
        for id in forwardModels(phase: phase, config: config) {
            // Both rules start from the same weights: the comparison is about the learning rule alone.
            trainer.models.addForwardModel(ForwardModel(
                rule: id.rule, config: config, inputNormalizer: inputNormalizer, targetNormalizer: targetNormalizer,
                layout: layout, seed: childSeed(config.seed, 10 + phase.rawValue)), id: id)
            trainer.initialisation?.initialiseForward(trainer.models, id: id)
        }
    }
}
