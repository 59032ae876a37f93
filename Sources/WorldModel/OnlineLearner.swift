import Foundation
import Learning
import TensorCore

/// How an `OnlineLearner` learns: which rule, how much it remembers, when it starts, how big its batches are.
public struct OnlineLearnerSettings: Sendable, Equatable {
    /// The learning rule (predictive coding by default).
    public var rule: ForwardRule = .pc
    /// Transitions the replay buffer holds; older ones are overwritten.
    public var capacity = 100_000
    /// From scratch: transitions seen before the normalisers are fitted and training starts.
    public var warmUp = 300
    /// Transitions per update batch (each gives one row per body to a factorised model).
    public var batchSize = 32

    public init(rule: ForwardRule = .pc) {
        self.rule = rule
    }

    /// Throws `ConfigurationError` naming the first field out of range.
    public func validate() throws {
        guard capacity > 0 else { throw ConfigurationError("capacity must be positive, got \(capacity)") }
        guard warmUp > 0, warmUp <= capacity else { throw ConfigurationError("warmUp must be in 1...capacity, got \(warmUp)") }
        guard batchSize > 0 else { throw ConfigurationError("batchSize must be positive, got \(batchSize)") }
    }
}

/// Learns a state-space forward model from a stream of transitions while they arrive.
///
/// Transitions go into a bounded `ReplayBuffer`; `train(steps:rng:)` draws batches from it and takes
/// `ForwardTraining`'s own update on each (the offline trainer's step, predictive coding or backprop).
/// Normalisers follow the offline rules (inputs standardised, state changes scaled but not centred, with
/// each body's scales floored at a tenth of the field's over all bodies, since a short window can leave a
/// resting body with none) and are fixed once: from scratch they are fitted on the first `warmUp` transitions, when the model is
/// created; from a run they are the run's, which its weights were learned under. Fixed statistics keep
/// the meaning of every weight (and of Adam's moments) stable, which moving statistics would not.
public struct OnlineLearner: Sendable {
    public let settings: OnlineLearnerSettings
    /// The run record the model is saved with (config, the data it sees).
    public let record: RunRecord
    /// The model's id in a run (`state.pc` or `state.bp`).
    public let modelID: ForwardModelID
    /// The model being learned; nil during the warm-up of a model from scratch.
    public private(set) var model: ForwardModel?
    /// The optimizers; nil with `model`.
    public private(set) var training: ForwardTraining?
    /// The transitions seen (at most `settings.capacity` of the latest).
    public private(set) var buffer: ReplayBuffer
    /// Update batches taken so far.
    public private(set) var updates = 0
    /// The checkpoint the learner started from, nil from scratch.
    public let origin: URL?

    /// A learner from scratch for data of signature `data` (states and actions as the world produces them), with the
    /// forward-model architecture, ensemble, learning rate and seed of `config`.
    public init(config: WorldModelConfig, data: DataSignature, settings: OnlineLearnerSettings) throws {
        try settings.validate()
        var config = config
        config.input = .state
        config.forward = settings.rule == .pc ? .pc : .bp
        try config.validate()
        var record = RunRecord(config: config, data: data)
        record.phase = .done
        try record.checkLimits()
        self.settings = settings
        self.record = record
        modelID = ForwardModelID(space: .state, rule: settings.rule)
        buffer = ReplayBuffer(capacity: settings.capacity, stateSize: data.stateSize, actionSize: data.actionSize)
        origin = nil
    }

    /// A learner that continues the state-space model of rule `settings.rule` of a run (a folder: its best checkpoint,
    /// or a checkpoint file), with its normalisers and optimizer state, on data of signature `data`.
    public init(run url: URL, data: DataSignature, settings: OnlineLearnerSettings) throws {
        try settings.validate()
        let file = url.pathExtension == "safetensors" ? url : RunCheckpointFile.best.url(in: url)
        let models = try RunModels(contentsOf: file)
        try models.record.checkCompatible(with: data, at: file.path, for: .statePrediction)
        let id = ForwardModelID(space: .state, rule: settings.rule)
        guard let model = models.forward[id], let training = models.forwardTraining[id] else {
            throw RunError.missing(path: file.path, what: "the run has no \(id.name) model (choose the other rule, or train it)")
        }
        self.settings = settings
        record = models.record
        modelID = id
        self.model = model
        self.training = training
        self.training?.learningRate = models.record.config.forwardLearningRate
        buffer = ReplayBuffer(capacity: settings.capacity, stateSize: data.stateSize, actionSize: data.actionSize)
        origin = file
    }

    /// Whether the model exists (the warm-up is over, or the learner started from a run).
    public var isLearning: Bool { model != nil }

    /// Stores `transition`; the one that completes the warm-up creates the model.
    public mutating func observe(_ transition: Transition) {
        buffer.append(transition)
        if model == nil && buffer.count >= settings.warmUp { createModel() }
    }

    /// Fits the normalisers on the buffer by the offline trainer's rules and creates the model with the run's seed.
    private mutating func createModel() {
        let config = record.config, layout = record.stateLayout
        let (x, a, next) = buffer.all
        let inputs = layout?.inputs(states: x, actions: a) ?? Matrix.columns(x, a)
        let targets = layout?.targets(from: x, to: next) ?? next - x
        // As offline: state changes are mostly exactly zero (resting blocks), so scaled but not centred.
        var targetNormalizer = ForwardModel.fitTargets(targets, layout: layout, centred: false)
        if layout != nil { Self.floorPerBodyScales(&targetNormalizer, pooled: ForwardModel.fitTargets(targets, layout: nil, centred: false)) }
        let created = ForwardModel(rule: settings.rule, config: config, inputNormalizer: Normalizer(fitting: inputs),
                                   targetNormalizer: targetNormalizer,
                                   layout: layout, seed: childSeed(config.seed, 10 + TrainingPhase.state.rawValue))
        model = created
        training = ForwardTraining(for: created, learningRate: config.forwardLearningRate, weightDecay: config.forwardWeightDecay ?? 0)
    }

    /// Floors each body's scale of a field at a tenth of that field's scale over all bodies (`pooled`).
    ///
    /// A short warm-up window can leave a body that never moved in it with a scale of almost zero, which
    /// would turn its first real push into a standardised target in the hundreds of thousands and blow the
    /// training up; offline datasets are long enough for every body to have moved.
    static func floorPerBodyScales(_ normalizer: inout Normalizer, pooled: Normalizer) {
        let fields = pooled.count
        for index in normalizer.std.indices { normalizer.std[index] = max(normalizer.std[index], 0.1 * pooled.std[index % fields]) }
    }

    /// Takes `steps` updates on batches drawn from the buffer with `rng`; returns their mean output MSE (on
    /// standardised targets), or nil while warming up.
    public mutating func train(steps: Int, rng: inout RandomStream) throws -> Double? {
        guard model != nil, steps > 0 else { return nil }
        var total = 0.0
        for _ in 0..<steps {
            let slots = Self.batch(from: buffer.count, size: settings.batchSize, rng: &rng)
            let (inputs, targets) = standardizedPairs(slots)
            total += try training!.trainEpoch(&model!, inputs: inputs, targets: targets, order: Array(0..<inputs.rows),
                                              batchSize: inputs.rows)
            updates += 1
        }
        return total / Double(steps)
    }

    /// The buffer slots of one batch: `size` draws with replacement among `count` held transitions.
    public static func batch(from count: Int, size: Int, rng: inout RandomStream) -> [Int] {
        (0..<size).map { _ in rng.int(below: count) }
    }

    /// The model's standardised inputs and targets for the transitions in `slots` (rows in slot order, bodies within).
    func standardizedPairs(_ slots: [Int]) -> (Matrix, Matrix) {
        let (x, a, next) = buffer.gather(slots)
        var inputs = model!.inputs(x, actions: a), targets = model!.targets(from: x, to: next)
        model!.inputNormalizer.apply(&inputs)
        model!.standardizeTargets(&targets)
        return (inputs, targets)
    }
}
