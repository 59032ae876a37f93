import ArgumentParser
import Benchmarks
import Control
import Foundation
import Simulation
import WorldModel

/// `foresight bench plan`: planning time per control step of MPC on a learned state model, next to its GEMM rate.
struct BenchPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Milliseconds per control step of CEM/MPPI planning on a learned state model, with the rollout's GEMM rate.",
        discussion: """
            Times one full plan from the world's first state toward its goal (CEM at DINO-WM's defaults: \
            horizon 5, 300 samples, 30 elites, 30 iterations; each action held 5 steps and 5 executed, or \
            held 1 step; and MPPI), each repetition followed by one N³ reference SGEMM on the same thread. \
            Planning time per control step = time per plan / control steps the plan covers. Target: at most \
            50 ms per control step on one core. Without --run the model is a fresh one of the default architecture.
            """)

    @Option(name: .customLong("run"), help: "A run folder whose state-space model plans (default: a fresh model).")
    var runFolder: String?

    @Option(help: "The world (a built-in name or a YAML path).")
    var world = "push-tee"

    @Option(help: "OpenBLAS threads (default: 1, one core).")
    var threads = 1

    @OptionGroup var reference: ReferenceOptions

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let spec = try WorldSpec.named(world)
        let model: ForwardModel, source: String
        if let runFolder {
            let predictor = try PositionPredictor(run: URL(fileURLWithPath: runFolder))
            (model, source) = (predictor.model, "\(runFolder) \(predictor.modelID.name)")
        } else {
            model = try RolloutWorkload.freshModel(spec: spec, config: WorldModelConfig(), rule: .pc).0
            source = "fresh"
        }
        let settings = [
            PlanBenchmark.Setting(name: "cem.held5.execute5", config: .cem, executeSteps: 5, actionRepeat: 5),
            PlanBenchmark.Setting(name: "cem.held5.execute1", config: .cem, executeSteps: 1, actionRepeat: 5),
            PlanBenchmark.Setting(name: "cem.held1.execute5", config: .cem, executeSteps: 5, actionRepeat: 1),
            PlanBenchmark.Setting(name: "mppi.held1.execute5", config: .mppi, executeSteps: 5, actionRepeat: 1),
        ]
        try PlanBenchmark(spec: spec, model: model, source: source, settings: settings, threads: threads,
                          referenceSize: reference.referenceSize, repetitions: reference.repetitions).run(printer: output.printer)
    }
}
