import Foundation
import Learning
import TensorCore

/// Trains a `StochasticForwardModel` against a `Critic` (alternating, one critic step per generator step).
///
/// Each step takes a batch of k-step windows of true trajectories. The generator rolls every window out from its
/// true start under its true actions, a fresh z per body and step. The critic takes one step telling the true
/// windows from the rolled-out ones (`CriticWindowCoding`; spectral normalisation, hinge or non-saturating loss).
/// Then one generator step on two kinds of rows together: one-step reconstruction rows (true inputs, sampled z,
/// the true change as target) and the rollout's rows, whose targets are the predictions displaced by the critic's
/// gradient (`Critic.displacedTargets`: an extra error at the output layer, which predictive coding takes as its
/// clamped output). The critic's gradient reaches each step's output only (truncated in time: a step's inputs count
/// as given). Reconstruction alone would teach the network to ignore z (its best answer is the mean); the critic
/// rewards spreading the samples the way true futures spread. With `nearestOf` > 1 the reconstruction rows are instead
/// those of the window's rollout nearest the truth among that many samples (conditional IMLE), with the true changes
/// as targets: each true future pulls only the sample that came closest, so z keeps mattering.
///
/// `StochasticTrainingConfig.objective` picks SAVP's variants: `.gan` as above; `.vae` reconstructs with z from an
/// inference network that sees the true change, plus KL to the prior (`VariationalNoiseTraining`), and trains no
/// critic; `.vaeGan` does both, the critic judging rollouts sampled from the prior.
public struct StochasticForwardTraining: Sendable {
    /// The training settings.
    public let config: StochasticTrainingConfig
    /// The model trained.
    public private(set) var model: StochasticForwardModel
    /// The critic trained beside it.
    public private(set) var critic: Critic
    /// The epochs run so far.
    public private(set) var history: [StochasticEpochRecord] = []
    let coding: CriticWindowCoding
    private var generatorTraining: ForwardTraining
    private var criticTraining: CriticTraining
    private var variational: VariationalNoiseTraining?
    private var workspace: StochasticForwardWorkspace

    /// Training that starts from `deterministic` (a state model of a run with config `runConfig`), actions standardised
    /// with `train`'s statistics.
    public init(deterministic: ForwardModel, runConfig: WorldModelConfig, train: EpisodeData, config: StochasticTrainingConfig) throws {
        try config.validate()
        guard config.horizon < train.steps else {
            throw ConfigurationError("the critic's horizon \(config.horizon) needs episodes longer than \(train.steps) steps")
        }
        self.config = config
        var model = StochasticForwardModel(extending: deterministic, config: runConfig, noiseSize: config.noiseSize,
                                           noisePerRollout: config.noisePerRollout, seed: config.seed)
        let coding = CriticWindowCoding(model: model.generator, noiseSize: config.noiseSize, actions: train.actions, horizon: config.horizon)
        if config.objective.usesPosterior {
            if config.variational.prior == .learned { model.prior = model.makePrior(hidden: config.variational.hidden, seed: childSeed(config.seed, 4)) }
            let seen = coding.changeSize * (config.noisePerRollout ? config.horizon : 1)
            variational = VariationalNoiseTraining(for: model, changeSize: seen, settings: config.variational,
                                                   seed: childSeed(config.seed, 3))
        }
        self.model = model
        self.coding = coding
        critic = Critic(inputSize: coding.width, hidden: config.criticHidden, seed: childSeed(config.seed, 1))
        generatorTraining = ForwardTraining(for: model.generator, learningRate: config.generatorLearningRate)
        criticTraining = CriticTraining(for: critic, learningRate: config.criticLearningRate)
        workspace = StochasticForwardWorkspace(for: model, random: RandomStream(seed: config.seed).split(2))
    }

    /// Every window `(episode, first step)` of `data` with k steps after its start.
    func windows(_ data: EpisodeData) -> [(episode: Int, step: Int)] {
        (0..<data.episodeCount).flatMap { e in (0...(data.steps - config.horizon)).map { (e, $0) } }
    }

    /// Runs the next epoch on `data` (windows shuffled from `(seed, epoch)`); returns and records its losses.
    ///
    /// Throws `TrainingError` when a loss or the weights become non-finite.
    @discardableResult
    public mutating func trainEpoch(on data: EpisodeData, progress: (Int) -> Void = { _ in }) throws -> StochasticEpochRecord {
        let started = Date()
        let epoch = history.count
        var order = windows(data)
        var rng = RandomStream(seed: config.seed).split(100 + epoch)
        rng.shuffle(&order)
        workspace.random = rng.split(1)
        var sums = (reconstruction: 0.0, rollout: 0.0, critic: 0.0, generator: 0.0, kl: 0.0), steps = 0
        var start = 0
        while start < order.count {
            let batch = Array(order[start..<min(start + config.batch, order.count)])
            let losses = try step(batch, data: data)
            sums.reconstruction += losses.reconstruction
            sums.rollout += losses.rollout
            sums.critic += losses.critic
            sums.generator += losses.generator
            sums.kl += losses.kl ?? 0
            steps += 1
            start += batch.count
            progress(start)
        }
        let n = Double(max(steps, 1))
        let record = StochasticEpochRecord(epoch: epoch + 1, reconstructionLoss: sums.reconstruction / n, rolloutError: sums.rollout / n,
                                           criticLoss: sums.critic / n, generatorLoss: sums.generator / n,
                                           klDivergence: variational == nil ? nil : sums.kl / n, seconds: Date().timeIntervalSince(started))
        history.append(record)
        return record
    }

    /// One critic step (with the critic) and one generator step on the windows `batch`.
    private mutating func step(_ batch: [(episode: Int, step: Int)], data: EpisodeData)
        throws -> (reconstruction: Double, rollout: Double, critic: Double, generator: Double, kl: Double?) {
        let k = config.horizon, b = batch.count, perState = model.rowsPerState
        let truth = (0...k).map { h in data.states.gatherRows(batch.map { data.frame(episode: $0.episode, step: $0.step + h) }) }
        let actions = (0..<k).map { h in data.actions.gatherRows(batch.map { data.transition(episode: $0.episode, step: $0.step + h) }) }
        let trueChanges = coding.changes(of: truth)

        // `nearestOf` samples of every window (state row s * b + n); sample 0 faces the critic.
        let copies = (0..<config.nearestOf).flatMap { _ in 0..<b }
        var rolloutInputs: [Matrix] = [], rolloutOutputs: [Matrix] = []
        var current = truth[0].gatherRows(copies), next = Matrix(rows: 0, cols: 0)
        workspace.heldNoise = nil
        for h in 0..<k {
            model.predictNext(current, actions: actions[h].gatherRows(copies), into: &next, workspace: &workspace)
            rolloutInputs.append(workspace.inputs)
            rolloutOutputs.append(workspace.outputs)
            swap(&current, &next)
        }
        let criticRows = Array(0..<(b * perState))
        let fakeChanges = rolloutOutputs.map { $0.gatherRows(criticRows) }
        var criticLoss = 0.0, generatorLoss = 0.0
        let reconstructionRows = reconstructionInputs(truth: truth, actions: actions, changes: trueChanges, rollout: rolloutOutputs,
                                                      rolloutInputs: rolloutInputs)
        let reconstructionTargets = Matrix.stacked(trueChanges)
        var inputs = reconstructionRows, targets = reconstructionTargets
        if config.objective.usesCritic {
            let real = coding.encode(starts: truth[0], actions: actions, changes: trueChanges)
            let fake = coding.encode(starts: truth[0], actions: actions, changes: fakeChanges)
            criticLoss = try criticTraining.step(&critic, real: real, fake: fake, loss: config.loss)
            var criticWorkspace = CriticWorkspace(for: critic)
            let gradient: Matrix
            (generatorLoss, gradient) = critic.generatorGradient(fake, loss: config.loss, workspace: &criticWorkspace)
            let displaced = (0..<k).map { h in
                Critic.displacedTargets(fakeChanges[h], gradient: coding.changeGradient(gradient, step: h), weight: config.adversarialWeight)
            }
            inputs = Matrix.stacked([inputs] + rolloutInputs.map { $0.gatherRows(criticRows) })
            targets = Matrix.stacked([targets] + displaced)
        }
        let noiseRows = (0..<k).flatMap { h in (0..<(b * perState)).map { model.noisePerRollout ? $0 : h * b * perState + $0 } }
        let kl = try variational?.update(model: &model, inputs: reconstructionRows, targets: reconstructionTargets, noiseRows: noiseRows)
        let reconstruction = model.generator.loss(inputs: reconstructionRows, targets: reconstructionTargets)
        _ = try generatorTraining.trainEpoch(&model.generator, inputs: inputs, targets: targets, order: Array(0..<inputs.rows),
                                             batchSize: inputs.rows)
        let rollout = zip(fakeChanges, trueChanges).reduce(0.0) { $0 + Double(MeanSquaredError()($1.0, $1.1)) } / Double(k)
        return (reconstruction, rollout, criticLoss, generatorLoss, kl)
    }

    /// The reconstruction rows, all k steps stacked: with the VAE, one step from the true states with posterior noise
    /// (per step from that step's change, or per window from the body's k changes with `noisePerRollout`); with
    /// `nearestOf` > 1, the rollout rows of each window's nearest sample; else one step from the true states with fresh
    /// prior noise.
    private mutating func reconstructionInputs(truth: [Matrix], actions: [Matrix], changes: [Matrix], rollout: [Matrix],
                                               rolloutInputs: [Matrix]) -> Matrix {
        let b = truth[0].rows
        if variational != nil {
            let zero = Matrix(rows: b * model.rowsPerState, cols: model.noiseSize)
            var inputs = Matrix.stacked(actions.indices.map { h in
                var rows = Matrix(rows: 0, cols: 0)
                model.standardizedInputs(truth[h], actions: actions[h], noise: zero, base: &workspace.base, into: &rows)
                return rows
            })
            let base = inputs.columns(0..<model.baseInputSize), rows = zero.rows
            let noise: Matrix
            if model.noisePerRollout {
                var window = Matrix(rows: rows, cols: changes.count * changes[0].cols)
                for (h, change) in changes.enumerated() { window.setColumns((h * change.cols)..<((h + 1) * change.cols), from: change) }
                noise = variational!.sampleNoise(base: base.rows(0..<rows), changes: window, random: &workspace.random)
                    .gatherRows(changes.indices.flatMap { _ in 0..<rows })
            } else {
                noise = variational!.sampleNoise(base: base, changes: Matrix.stacked(changes), random: &workspace.random)
            }
            inputs.setColumns(model.baseInputSize..<inputs.cols, from: noise)
            return inputs
        }
        if config.nearestOf > 1,
           let rows = StochasticForwardTraining.nearestRows(rollout, truth: changes, windows: b, rowsPerState: model.rowsPerState) {
            return Matrix.stacked(rolloutInputs.map { $0.gatherRows(rows) })
        }
        return Matrix.stacked(teacherInputs(truth: truth, actions: actions))
    }

    /// One-step inputs from the true states of every step (fresh noise, or one draw for all steps with
    /// `noisePerRollout`), for reconstruction on the true changes.
    private mutating func teacherInputs(truth: [Matrix], actions: [Matrix]) -> [Matrix] {
        actions.indices.map { h in
            if h == 0 || !model.noisePerRollout { model.drawNoise(rows: truth[h].rows * model.rowsPerState, workspace: &workspace) }
            var inputs = Matrix(rows: 0, cols: 0)
            model.standardizedInputs(truth[h], actions: actions[h], noise: workspace.noise, base: &workspace.base, into: &inputs)
            return inputs
        }
    }

    /// The input rows of each window's sample nearest its truth (summed squared change error over the k steps), in the
    /// order of `truth`'s rows; nil without samples.
    ///
    /// `outputs[h]` holds the samples' rows (sample s of window n: state row s * windows + n, `rowsPerState` rows per
    /// state), `truth[h]` the windows'.
    static func nearestRows(_ outputs: [Matrix], truth: [Matrix], windows: Int, rowsPerState perState: Int) -> [Int]? {
        guard let first = outputs.first else { return nil }
        let samples = first.rows / (windows * perState), cols = first.cols
        return (0..<windows).flatMap { n in
            let errors = (0..<samples).map { s in
                var total: Float = 0
                for h in outputs.indices {
                    for r in 0..<perState {
                        for j in 0..<cols {
                            let d = outputs[h][(s * windows + n) * perState + r, j] - truth[h][n * perState + r, j]
                            total += d * d
                        }
                    }
                }
                return total
            }
            let best = errors.indices.min { errors[$0] < errors[$1] }!
            return (0..<perState).map { (best * windows + n) * perState + $0 }
        }
    }
}
