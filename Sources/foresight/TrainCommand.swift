import ArgumentParser
import Foundation
import Learning
import TensorCore
import WorldModel

/// `foresight train`: train the contrastive encoder, the latent transition and the forward models on a dataset.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a world model (contrastive encoder + PC/backprop forward models) on a dataset.",
        discussion: """
            Phases: the encoder and latent transition (C-SWM contrastive loss); forward models on the \
            frozen encoder's latents; forward models on raw states. After every epoch RUN/last.safetensors, \
            RUN/best.safetensors and RUN/metrics.csv are rewritten atomically; --resume continues from \
            the last completed epoch and gives the same result as an uninterrupted run. \(DistributedJob.help) \
            Forward models then train data-parallel (each rank a part of every batch, gradients summed), \
            the encoder whole on every rank; rank 0 writes the run; --resume works with any number of ranks.
            """)

    @Argument(help: "The dataset folder (from `foresight simulate`).")
    var dataset: String

    @Option(help: "The run folder to write.")
    var out: String

    @Flag(help: "Continue the run in --out from its last checkpoint.")
    var resume = false

    @Flag(help: "Replace an existing run in --out (only a folder holding nothing but a run's files).")
    var force = false

    @Flag(help: "Skip reading every shard to check its CRC-32 (for huge datasets you trust).")
    var skipChecksums = false

    @Option(name: .customLong("init"), help: ArgumentHelp(
        "Start from this run's encoder and forward models.",
        discussion: "Every tensor of the new run (each layer's weight and bias, the normalisers) that RUN's best checkpoint holds "
            + "under the same id (`state.pc.0.layers.1.weight`, `contrastive.0.layers.0.bias`, `state_normalizer`, ...) and "
            + "shape is copied bit for bit; the others start fresh; optimizers start fresh. A tensor held in another shape "
            + "(another state width, body count or hidden width) is refused, naming it, unless --init-skip-mismatched; "
            + "--init-map-bodies carries the state models' body-dependent first layers and statistics over by meaning.",
        valueName: "RUN"))
    var initRun: String?

    @Flag(help: "With --init: start tensors that RUN holds in another shape fresh (each is named on stderr) instead of refusing.")
    var initSkipMismatched = false

    @Flag(help: ArgumentHelp(
        "With --init: carry the state models' first layers and statistics over column by column by meaning.",
        discussion: "For worlds with other bodies: bodies are matched by name, then robot parts and objects by kind in order; "
            + "each input column (own velocity, the robot's offset, another body's offset, a body indicator, ...) takes the "
            + "weights and statistics of the source column that means the same thing, columns without one start fresh (zero "
            + "weights, statistics of the new data), and stderr lists the matching. Other mismatched tensors are still refused "
            + "unless --init-skip-mismatched."))
    var initMapBodies = false

    @OptionGroup var options: TrainingOptions

    @OptionGroup var critic: CriticOptions

    func run() throws {
        try DistributedJob.run(run(communicator:))
    }

    /// Trains on every rank of `communicator`; rank 0 writes the run folder and reports.
    private func run(communicator: any Communicator) throws {
        let runURL = URL(fileURLWithPath: out)
        if !resume && !force && FileManager.default.fileExists(atPath: RunCheckpointFile.last.url(in: runURL).path) {
            throw ValidationError("\(out) already holds a run; pass --resume to continue it or --force to start over")
        }
        let config = resume ? nil : try options.config()
        if force && !resume && communicator.isLeader {
            try RunFolder.checkReplaceable(runURL)
            try? FileManager.default.removeItem(at: runURL)
        }
        try communicator.barrier()
        let data = try Train.open(dataset, verifyChecksums: !skipChecksums)
        let trainer = try config.map { try WorldModelTrainer(config: $0, dataset: data, runURL: runURL) }
            ?? WorldModelTrainer.resuming(runURL: runURL, dataset: data, requested: try options.config(),
                                          defaults: try TrainingOptions.parse([]).config())
        trainer.communicator = communicator
        if let initRun {
            guard !resume else { throw ValidationError("--init starts a new run; --resume continues one as it was started") }
            let initialisation = try RunInitialisation(sourceRun: initRun, for: trainer.models.record, mapsBodies: initMapBodies,
                                                       skipsMismatched: initSkipMismatched)
            trainer.initialise(from: initialisation)
            if communicator.isLeader { FileHandle.standardError.write(Data((initialisation.summary + "\n").utf8)) }
        }
        try Train.run(trainer, showingProgress: communicator.isLeader)
        if communicator.isLeader { print(Train.summary(trainer)) }
        if critic.critic && communicator.isLeader { try critic.train(trainer) }
    }

    /// Opens the dataset at `path`, saying on stderr what will be loaded.
    static func open(_ path: String, verifyChecksums: Bool = true) throws -> RunDataset {
        let data = try RunDataset(path: path, verifyChecksums: verifyChecksums)
        FileHandle.standardError.write(Data(("loading \(data.dataset.url.lastPathComponent): \(data.dataset.episodeCount) episodes "
            + "× \(data.dataset.stepsPerEpisode) steps\n").utf8))
        return data
    }

    /// Runs the trainer to completion with a progress bar per epoch on stderr (unless `showingProgress` is false).
    static func run(_ trainer: WorldModelTrainer, showingProgress: Bool = true) throws {
        var bar: ProgressBar?
        var samples = 0
        var lastLoss: [String: Double] = [:]
        try trainer.run { event in
            guard showingProgress else { return }
            switch event {
            case let .epochStarted(phase, model, epoch, epochs, count):
                samples = count
                let key = "\(phase.name) \(model)"
                let loss = lastLoss[key].map { String(format: " loss %.4g", $0) } ?? ""
                bar = ProgressBar(label: "\(key) epoch \(epoch)/\(epochs)\(loss)", total: count, unit: "samples")
            case let .progress(done):
                bar?.update(completed: done)
            case let .epochFinished(row):
                bar?.finish(completed: samples)
                lastLoss["\(row.phase) \(row.model)"] = row.trainLoss
                FileHandle.standardError.write(Data(("  \(row.phase) \(row.model) epoch \(row.epoch): "
                    + String(format: "train %.5g  validation %.5g  (%.1f s)\n", row.trainLoss, row.validationLoss, row.seconds)).utf8))
            }
        }
    }

    /// The final summary for stdout.
    static func summary(_ trainer: WorldModelTrainer) -> String {
        let record = trainer.models.record
        var lines = ["Trained \(record.config.input.rawValue) world model on \(record.data.world) "
                     + "(\(trainer.train.episodeCount) training, \(trainer.validation.episodeCount) validation episodes)"]
        for (key, value) in record.bestValidation.sorted(by: { $0.key < $1.key }) {
            lines.append("  best validation loss " + key.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%.5g", value))
        }
        let seconds = record.history.reduce(0) { $0 + $1.seconds }
        lines.append(String(format: "  training time %.1f s", seconds))
        lines.append("  checkpoints: \(trainer.bestURL.path), \(trainer.lastURL.path)")
        lines.append("  metrics: \(trainer.metricsURL.path)")
        return lines.joined(separator: "\n")
    }
}

/// Model and training options shared by `train` and `demo`.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Encoder input: \(EncoderInput.allCases.map(\.rawValue).joined(separator: ", ")) (a + fuses the sensors' latents).")
    var input: String = EncoderInput.pixels.rawValue

    @Option(help: "Latent dimension (of each sensor's latent when sensors are fused).")
    var latent: Int = WorldModelConfig().latentSize

    @Option(help: "Latent dimension of the lidar encoder (default: --latent).")
    var lidarLatent: Int?

    @Option(help: "Keypoints of the pixel encoder.")
    var keypoints: Int = WorldModelConfig().keypoints

    @Option(help: "Hidden widths of the pixel encoder's per-pixel network (keypoints' features, slots' object extractor), comma-separated.")
    var pixelHidden: String = WorldModelConfig().pixelHidden.map(String.init).joined(separator: ",")

    @Option(help: "Contrastive objective: hinge (C-SWM) or infonce.")
    var objective: String = "hinge"

    @Option(help: "Fraction of hinge negatives from the same episode (another time step).")
    var sameEpisodeNegatives: Float = WorldModelConfig().sameEpisodeNegatives

    @Option(help: "Encoder epochs.")
    var encoderEpochs: Int = WorldModelConfig().encoderEpochs

    @Option(help: "Forward-model epochs.")
    var forwardEpochs: Int = WorldModelConfig().forwardEpochs

    @Option(help: "State model: body (factorised, each body in its own frame: links of an arm too), world (factorised, world frame) or flat (one network on the whole state).")
    var stateFrame: String = (WorldModelConfig().stateFrame ?? .world).rawValue

    @Flag(help: "Train the state forward models on every transition under the 8 symmetries of a square world too (push worlds).")
    var augmentSymmetries = false

    @Option(help: "Forward models to train: pc, bp or both.")
    var forward: String = ForwardKind.both.rawValue

    @Option(help: "Hidden widths of the forward models, comma-separated.")
    var forwardHidden: String = WorldModelConfig().forwardHidden.map(String.init).joined(separator: ",")

    @Option(help: "Networks averaged in each forward model (an ensemble; each costs one model's training).")
    var forwardEnsemble: Int = WorldModelConfig().ensembleSize

    @Option(help: "Hidden activation of the forward models: tanh, relu, leakyRelu, gelu.")
    var forwardActivation: String = WorldModelConfig().forwardActivation.rawValue

    @Option(help: "Forward-model learning rate.")
    var forwardLR: Float = WorldModelConfig().forwardLearningRate

    @Option(help: "Forward-model learning-rate schedule over the epochs: constant or cosine.")
    var forwardSchedule: String = (WorldModelConfig().forwardSchedule ?? .constant).rawValue

    @Option(help: "Forward-model decoupled weight decay λ (AdamW; 0: plain Adam).")
    var forwardWeightDecay: Float = WorldModelConfig().forwardWeightDecay ?? 0

    @Option(help: "State models: from the second epoch on, also train on the model's own predictions up to K steps ahead, each paired with the recorded next state (Data as Demonstrator; 0: one-step pairs only).")
    var stateRolloutHorizon: Int = WorldModelConfig().stateRolloutHorizon ?? 0

    @Option(help: "Forward-model mini-batch size (rows: transitions, or transitions × bodies for the factorised state model).")
    var forwardBatch: Int = WorldModelConfig().forwardBatch

    @Option(help: "Predictive-coding inference steps per batch.")
    var pcSteps: Int = WorldModelConfig().pcInferenceSteps

    @Option(help: "Predictive-coding inference rate (value-node step size).")
    var pcRate: Float = WorldModelConfig().pcInferenceRate

    @Option(help: "Predictive-coding variant: standard, incremental or fixedPrediction.")
    var pcVariant: String = WorldModelConfig().pcVariant.rawValue

    @Option(help: "Root seed.")
    var seed: UInt64 = WorldModelConfig().seed

    @OptionGroup var slotOptions: SlotOptions

    /// The configuration these options describe.
    func config() throws -> WorldModelConfig {
        var config = WorldModelConfig()
        config.input = try OptionChoice.parse(input, option: "--input")
        config.forward = try OptionChoice.parse(forward, option: "--forward")
        config.latentSize = latent
        config.keypoints = keypoints
        config.pixelHidden = try TrainingOptions.widths(pixelHidden, option: "--pixel-hidden")
        config.lidarLatentSize = lidarLatent
        switch objective {
        case "hinge": config.objective = .hinge(margin: 1)
        case "infonce": config.objective = .infoNCE(temperature: 0.1)
        default: throw ValidationError("--objective must be hinge or infonce, got '\(objective)'")
        }
        config.encoderEpochs = encoderEpochs
        config.sameEpisodeNegatives = sameEpisodeNegatives
        config.forwardEpochs = forwardEpochs
        if stateFrame == "flat" {
            config.factorizedStateModel = false
        } else {
            guard let frame = StateFrame(rawValue: stateFrame) else {
                throw ValidationError("--state-frame must be body, world or flat, got '\(stateFrame)'")
            }
            config.stateFrame = frame
        }
        config.stateAugmentation = augmentSymmetries ? .squareSymmetries : StateAugmentation.none
        config.pcInferenceSteps = pcSteps
        config.pcInferenceRate = pcRate
        config.pcVariant = try OptionChoice.parse(pcVariant, option: "--pc-variant")
        config.forwardHidden = try TrainingOptions.widths(forwardHidden, option: "--forward-hidden")
        config.forwardActivation = try OptionChoice.parse(forwardActivation, option: "--forward-activation")
        config.forwardLearningRate = forwardLR
        config.forwardSchedule = try OptionChoice.parse(forwardSchedule, option: "--forward-schedule") as LearningRateSchedule
        config.forwardBatch = forwardBatch
        config.forwardEnsembleSize = forwardEnsemble
        config.forwardWeightDecay = forwardWeightDecay == 0 ? nil : forwardWeightDecay
        config.stateRolloutHorizon = stateRolloutHorizon == 0 ? nil : stateRolloutHorizon
        config.seed = seed
        try slotOptions.apply(to: &config)
        do { try config.validate() } catch { throw ValidationError("\(error)") }
        return config
    }

    /// Hidden widths from a comma-separated list of positive integers, refused naming `option`.
    static func widths(_ text: String, option: String) throws -> [Int] {
        let widths = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("\(option) must be positive integers, got '\(text)'")
        }
        return widths.map { $0! }
    }
}
