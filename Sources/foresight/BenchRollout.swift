import ArgumentParser
import Foundation
import Simulation
import TensorCore
import WorldModel

/// `foresight bench rollout`: batched open-loop rollouts of a state-space forward model, against a same-run SGEMM.
struct BenchRollout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Model steps/s of the batched forward-model rollout, and its GEMM rate as a ratio to a large SGEMM.",
        discussion: """
            Rolls a state-space forward model out from N random starts over H steps (the work a planner \
            repeats for every candidate plan) and reports model steps per second (N x H / time) and the \
            GEMM rate (the rollout's dense-layer FLOPs over the whole rollout time, so the body-frame \
            coding, normalisation and copies count against it), each repetition followed by one N³ \
            reference SGEMM on the same threads. Without --run the model is a fresh one with the demo's \
            architecture on the world's real state layout. Target: at N = 512, at least 50% of the \
            reference rate.
            """)

    @Option(name: .customLong("run"), help: "A run folder whose state-space model to roll out (default: a fresh model of the default architecture).")
    var runFolder: String?

    @Option(help: "The world whose state layout the fresh model uses (a built-in name or a YAML path).")
    var world = "push"

    @Option(help: "Comma-separated numbers of starts N.", transform: BenchBLAS.integerList)
    var starts: [Int] = [1, 64, 512]

    @Option(help: "Steps per rollout H.")
    var horizon = 10

    @Option(help: "OpenBLAS threads (default: 1, as a planner on one core).")
    var threads = 1

    @Option(help: "Side N of the square reference SGEMM.")
    var referenceSize = 2048

    @Option(help: "Timed repetitions per measurement (the median is reported).")
    var repetitions = 5

    @OptionGroup var output: BenchOutputOptions

    /// The share of the reference SGEMM rate the largest batch must reach.
    static let target = 0.50

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, got \(horizon)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard !starts.isEmpty, starts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--starts needs positive counts") }
    }

    func run() throws {
        let printer = BenchPrinter(json: output.json)
        BLASThreads.set(threads)
        let (model, stateSize, actionSize, source) = try loadModel()
        printer.note("OpenBLAS core \(BLASThreads.coreName), \(BLASThreads.current) thread(s); model \(source): "
                     + "\(model.rule.rawValue), layers \(model.pcConfig.layerSizes), ensemble \(model.ensembleSize), "
                     + "\(model.layout.map { "\($0.bodyCount) bodies, \($0.frame.rawValue) frame" } ?? "flat")")
        printer.note("load average before: \(BenchBLAS.loadAverage)")
        var rng = RandomStream(seed: 1)
        let reference = SquareGEMM(size: referenceSize, rng: &rng)
        _ = Stopwatch.seconds(2, reference.multiply)
        let stopwatch = Stopwatch(repetitions: repetitions)
        var rows: [BenchRow] = [], referenceRates: [Double] = []
        for count in starts.sorted() {
            printer.progress("N = \(count), H = \(horizon) ...")
            let workload = RolloutWorkload(model: model, stateSize: stateSize, actionSize: actionSize, starts: count, horizon: horizon)
            let samples = stopwatch.interleavedSeconds([workload.run], reference: reference.multiply)
            let rates = samples.map { workload.gemmFLOPs / $0.bodies[0] / 1e9 }
            let sampleReferences = samples.map { reference.flops / $0.reference / 1e9 }
            referenceRates += sampleReferences
            let ratio = median(zip(rates, sampleReferences).map { $0 / $1 })
            let stepsPerSecond = median(samples.map { Double(count * horizon) / $0.bodies[0] })
            var extra: [(String, BenchValue)] = [
                ("starts", .integer(count)), ("horizon", .integer(horizon)),
                ("gemm_gflops", .number(median(rates), digits: 1)), ("ratio", .number(ratio, digits: 2)),
                ("ms_per_rollout", .number(median(samples.map { $0.bodies[0] }) * 1e3, digits: 3)),
            ]
            if count == starts.max() { extra.append(("target", .text(ratio >= Self.target ? "ok" : "MISS"))) }
            rows.append(BenchRow(name: "rollout.n\(count).h\(horizon)", value: stepsPerSecond, digits: 0, unit: "model steps/s", extra))
        }
        rows.insert(BenchRow(name: "sgemm.\(referenceSize)", value: median(referenceRates), digits: 1, unit: "GFLOP/s",
                             [("gemm_gflops", .number(median(referenceRates), digits: 1)), ("ratio", .number(1, digits: 2))]),
                    at: 0)
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "starts", title: "N"),
            BenchColumn(key: "horizon", title: "H"), BenchColumn(key: "value", title: "model steps/s"),
            BenchColumn(key: "ms_per_rollout", title: "ms/rollout"), BenchColumn(key: "gemm_gflops", title: "GEMM GFLOP/s"),
            BenchColumn(key: "ratio", title: "of SGEMM"), BenchColumn(key: "target", title: "≥ \(Int(Self.target * 100))% at largest N"),
        ])
        printer.note("load average after: \(BenchBLAS.loadAverage)")
    }

    /// The model to roll out, its state and action sizes, and a description of where it came from.
    private func loadModel() throws -> (ForwardModel, Int, Int, String) {
        if let runFolder {
            let predictor = try PositionPredictor(run: URL(fileURLWithPath: runFolder))
            return (predictor.model, predictor.stateSize, predictor.actionSize, "\(runFolder) \(predictor.modelID.name)")
        }
        let spec = try WorldSpec.named(world)
        let (model, stateSize, actionSize) = try RolloutWorkload.freshModel(spec: spec, config: WorldModelConfig(), rule: .pc)
        return (model, stateSize, actionSize, "fresh, world \(world)")
    }
}
