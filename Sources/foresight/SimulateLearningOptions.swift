import ArgumentParser
import Foundation
import Simulation
import WorldModel

/// `simulate`'s online learning: a state-space model learned from the episodes as they are collected
/// (always with `--policy curious`, which steers by it; with any policy when `--learn-save` asks for the model).
struct SimulateLearningOptions: ParsableArguments {
    @Option(help: "Online learning: start from this run's state-space model instead of from scratch.")
    var model: String?

    @Option(help: "Online learning: the learning rule, pc or bp.")
    var rule = ForwardRule.pc

    @Option(help: "Online learning: save the model learned while collecting as a run folder here (eval and view --model read it).")
    var learnSave: String?

    @Option(help: "Online learning: update batches per collected transition.")
    var updatesPerTransition = 4

    @Option(help: "Online learning from scratch: transitions seen before the normalisers are fitted and training starts.")
    var warmUp = OnlineLearnerSettings().warmUp

    @Option(help: "Online learning from scratch: networks in the ensemble (curious needs at least 2).")
    var ensemble = 3

    @Option(help: "Online learning from scratch: hidden widths of the forward model, comma-separated.")
    var hidden = "128,128"

    func validate() throws {
        guard updatesPerTransition >= 0 else { throw ValidationError("--updates-per-transition must not be negative") }
        guard ensemble >= 1 else { throw ValidationError("--ensemble must be positive") }
        guard warmUp >= 1 else { throw ValidationError("--warm-up must be positive") }
        _ = try hiddenSizes()
    }

    /// Whether collection learns online.
    func learns(policy: String) -> Bool { policy == "curious" || learnSave != nil }

    func hiddenSizes() throws -> [Int] {
        let sizes = hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--hidden: expected positive widths like 128,128") }
        return sizes
    }

    /// The learner for `spec`'s data: from `--model RUN`, or from scratch with `--ensemble` networks of `--hidden` widths.
    func episodeLearner(spec: WorldSpec, seed: UInt64) throws -> EpisodeLearner {
        let data = DataSignature(environment: try Environment(spec: spec, observations: ObservationSettings(kinds: [.state])))
        var settings = OnlineLearnerSettings(rule: rule)
        settings.warmUp = warmUp
        let learner: OnlineLearner
        if let model {
            learner = try OnlineLearner(run: URL(fileURLWithPath: model), data: data, settings: settings)
        } else {
            var config = WorldModelConfig()
            config.forwardEnsembleSize = ensemble
            config.forwardHidden = try hiddenSizes()
            config.seed = seed
            learner = try OnlineLearner(config: config, data: data, settings: settings)
        }
        return EpisodeLearner(learner: learner, seed: seed, updatesPerTransition: updatesPerTransition)
    }

    /// The collecting policy: `curious` on `learner`'s model, or a built-in one.
    func policy(named name: String, learner: EpisodeLearner) throws -> any Policy {
        if name == "curious" { return CuriousPolicy(board: learner.published) }
        do { return try BuiltInPolicies.named(name) } catch {
            throw ValidationError("--policy: unknown policy '\(name)' (expected \((error.validNames + ["curious"]).joined(separator: ", ")))")
        }
    }

    /// Saves the learned model when asked; the line printed about online learning.
    func finish(_ learner: EpisodeLearner) throws -> String {
        let state = learner.learner
        var line = "online \(state.modelID.name): \(state.buffer.appended) transitions, \(state.updates) updates"
        if let loss = learner.lastLoss { line += String(format: ", last loss %.4g", loss) }
        if let learnSave {
            try state.save(to: URL(fileURLWithPath: learnSave, isDirectory: true))
            line += "; saved \(learnSave)"
        }
        return line
    }
}
