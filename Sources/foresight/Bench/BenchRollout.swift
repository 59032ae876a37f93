import ArgumentParser
import Benchmarks
import Foundation
import Simulation
import WorldModel

/// `foresight bench rollout`: batched open-loop rollouts of a state-space forward model, against a same-run SGEMM.
struct BenchRollout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Model steps/s of the batched forward-model rollout, and its GEMM rate as a ratio to a large SGEMM.",
        discussion: """
            Rolls a state-space forward model out from N random starts over H steps (the work a planner \
            repeats for every candidate plan) and reports model steps per second (N x H / time) and the \
            GEMM rate (the rollout's dense-layer FLOPs over the whole rollout time), each repetition \
            followed by one N³ reference SGEMM on the same threads. Without --run the model is a fresh \
            one with the default architecture on the world's real state layout. Target: at the largest N, \
            at least 50% of the reference rate.
            """)

    @Option(name: .customLong("run"), help: "A run folder whose state-space model to roll out (default: a fresh model).")
    var runFolder: String?

    @Option(help: "The world whose state layout the fresh model uses (a built-in name or a YAML path).")
    var world = "push"

    @Option(help: "Comma-separated numbers of starts N.", transform: BenchBLAS.integerList)
    var starts: [Int] = [1, 64, 512]

    @Option(help: "Steps per rollout H.")
    var horizon = Evaluation.defaultHorizon

    @Option(help: "OpenBLAS threads (default: 1, as a planner on one core).")
    var threads = 1

    @OptionGroup var reference: ReferenceOptions

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, got \(horizon)") }
        guard !starts.isEmpty, starts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--starts needs positive counts") }
    }

    func run() throws {
        let (model, stateSize, actionSize, source): (ForwardModel, Int, Int, String)
        if let runFolder {
            let predictor = try PositionPredictor(run: URL(fileURLWithPath: runFolder))
            (model, stateSize, actionSize, source) = (predictor.model, predictor.stateSize, predictor.actionSize,
                                                      "\(runFolder) \(predictor.modelID.name)")
        } else {
            let spec = try WorldSpec.named(world)
            (model, stateSize, actionSize) = try RolloutWorkload.freshModel(spec: spec, config: WorldModelConfig(), rule: .pc)
            source = "fresh, world \(world)"
        }
        RolloutBenchmark(model: model, stateSize: stateSize, actionSize: actionSize, source: source, starts: starts,
                         horizon: horizon, threads: threads, referenceSize: reference.referenceSize, repetitions: reference.repetitions)
            .run(printer: output.printer)
    }
}
