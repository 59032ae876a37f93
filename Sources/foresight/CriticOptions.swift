import ArgumentParser
import Foundation
import Learning
import WorldModel

/// `train --critic`: after the run's phases, a stochastic state model sharpened by an adversarial critic.
struct CriticOptions: ParsableArguments {
    @Flag(help: "Then train a stochastic state model (noise input) against an adversarial critic from the run's state model; writes RUN/stochastic.safetensors and RUN/stochastic-metrics.csv.")
    var critic = false

    @Option(help: "With --critic: the run's state model the generator starts from and the rule it learns by (pc or bp).")
    var criticRule: String = StochasticTrainingConfig().rule.rawValue

    @Option(help: "With --critic: epochs over every k-step window of the training episodes.")
    var criticEpochs: Int = StochasticTrainingConfig().epochs

    @Option(help: "With --critic: steps k of the windows the critic judges.")
    var criticHorizon: Int = StochasticTrainingConfig().horizon

    @Option(help: "With --critic: windows per step.")
    var criticBatch: Int = StochasticTrainingConfig().batch

    @Option(help: "With --critic: noise entries per body and step.")
    var noiseSize: Int = StochasticTrainingConfig().noiseSize

    @Option(help: "With --critic: weight of the critic's push against the one-step reconstruction error.")
    var adversarialWeight: Float = StochasticTrainingConfig().adversarialWeight

    @Option(help: "With --critic: samples per window whose nearest to the truth is reconstructed (1: reconstruct one step from the true states).")
    var criticNearestOf: Int = StochasticTrainingConfig().nearestOf

    @Option(help: "With --critic: GAN loss, hinge or nonSaturating.")
    var criticLoss: String = StochasticTrainingConfig().loss.rawValue

    @Option(help: "With --critic: seed of the noise, the window order and the critic (default: the run's seed).")
    var criticSeed: UInt64?

    @Flag(help: "With --critic: one noise vector per body for a whole rollout (a sample is one way the whole window goes) instead of a fresh one every step.")
    var noisePerRollout = false

    @Option(help: "With --critic: what shapes the noise, gan (the critic), vae (an inference network and KL to the prior, no critic) or vae+gan.")
    var stochasticObjective: String = StochasticTrainingConfig().objective.rawValue

    @Option(help: "With --stochastic-objective vae or vae+gan: the noise's prior, fixed (N(0, I)) or learned (from the body's input row).")
    var noisePrior: String = VariationalSettings().prior.rawValue

    @Option(help: "With --stochastic-objective vae or vae+gan: weight β of a row's KL against the reconstruction's mean squared error per entry.")
    var klWeight: Float = VariationalSettings().klWeight

    /// The settings these options describe (seeded with `--critic-seed`, else `seed`: the run's).
    func config(seed: UInt64) throws -> StochasticTrainingConfig {
        var config = StochasticTrainingConfig()
        config.rule = try OptionChoice.parse(criticRule, option: "--critic-rule")
        config.loss = try OptionChoice.parse(criticLoss, option: "--critic-loss")
        config.objective = try OptionChoice.parse(stochasticObjective, option: "--stochastic-objective")
        config.noisePerRollout = noisePerRollout
        config.variational.prior = try OptionChoice.parse(noisePrior, option: "--noise-prior")
        config.variational.klWeight = klWeight
        config.epochs = criticEpochs
        config.horizon = criticHorizon
        config.batch = criticBatch
        config.noiseSize = noiseSize
        config.adversarialWeight = adversarialWeight
        config.nearestOf = criticNearestOf
        config.seed = criticSeed ?? seed
        do { try config.validate() } catch { throw ValidationError("\(error)") }
        return config
    }

    /// Trains the stochastic model of `trainer`'s finished run, a progress bar per epoch and the losses on stderr.
    func train(_ trainer: WorldModelTrainer) throws {
        let record = trainer.models.record
        let config = try config(seed: record.config.seed)
        guard let deterministic = trainer.models.forward[config.source] else {
            throw ValidationError("--critic needs the run's \(config.source.name) model (train it with --forward \(config.rule.rawValue) or both)")
        }
        var training = try StochasticForwardTraining(deterministic: deterministic, runConfig: record.config, train: trainer.train,
                                                     config: config)
        let windows = trainer.train.episodeCount * (trainer.train.steps - config.horizon + 1)
        for epoch in stride(from: 1, through: config.epochs, by: 1) {
            let bar = ProgressBar(label: "stochastic \(config.source.name) epoch \(epoch)/\(config.epochs)", total: windows, unit: "windows")
            let row = try training.trainEpoch(on: trainer.train) { bar.update(completed: $0) }
            bar.finish(completed: windows)
            let losses = String(format: "  stochastic epoch %d: reconstruction %.5g  rollout %.5g  critic %.5g  generator %.5g",
                                row.epoch, row.reconstructionLoss, row.rolloutError, row.criticLoss, row.generatorLoss)
            let kl = row.klDivergence.map { String(format: "  KL %.5g", $0) } ?? ""
            FileHandle.standardError.write(Data((losses + kl + String(format: "  (%.1f s)\n", row.seconds)).utf8))
        }
        try StochasticModelFile(training: training).write(in: trainer.runURL)
        print("  stochastic model: \(StochasticModelFile.url(in: trainer.runURL).path)")
    }
}
