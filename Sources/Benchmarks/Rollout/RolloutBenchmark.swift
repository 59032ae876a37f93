import TensorCore
import WorldModel

/// `bench rollout`: model steps/s of the batched forward-model rollout, and its GEMM rate against a same-run SGEMM.
///
/// Each repetition times the rollout of N random starts over H steps, then one square reference
/// SGEMM on the same threads; the ratio is the median of the per-repetition ratios. The GEMM rate
/// counts the rollout's dense-layer FLOPs over the whole rollout time, so the body-frame coding,
/// normalisation and copies count against it.
public struct RolloutBenchmark {
    /// The share of the reference rate the largest N must reach.
    public static let target = 0.50

    /// The model and its state and action sizes, and where it came from (for the notes).
    public let model: ForwardModel, stateSize: Int, actionSize: Int, source: String
    public let starts: [Int], horizon: Int, threads: Int, referenceSize: Int, repetitions: Int

    public init(model: ForwardModel, stateSize: Int, actionSize: Int, source: String, starts: [Int], horizon: Int,
                threads: Int, referenceSize: Int, repetitions: Int) {
        self.model = model
        self.stateSize = stateSize
        self.actionSize = actionSize
        self.source = source
        self.starts = starts.sorted()
        self.horizon = horizon
        self.threads = threads
        self.referenceSize = referenceSize
        self.repetitions = repetitions
    }

    /// Measures every N and prints the table (or JSON Lines) with `printer`.
    public func run(printer: BenchPrinter) {
        BLASThreads.set(threads)
        printer.note("OpenBLAS core \(BLASThreads.coreName), \(BLASThreads.current) thread(s); model \(source): "
                     + "\(model.rule.rawValue), layers \(model.pcConfig.layerSizes), ensemble \(model.ensembleSize), "
                     + "\(model.layout.map { "\($0.bodyCount) bodies, \($0.frame.rawValue) frame" } ?? "flat")")
        printer.note("load average before: \(loadAverage)")
        var comparison = ReferenceComparison(size: referenceSize, repetitions: repetitions)
        var rows: [BenchRow] = []
        for count in starts {
            printer.progress("N = \(count), H = \(horizon) ...")
            let workload = RolloutWorkload(model: model, stateSize: stateSize, actionSize: actionSize, starts: count, horizon: horizon)
            let (seconds, gflops, ratio) = comparison.measure(workload.run, flops: workload.gemmFLOPs)
            var extra: [(String, BenchValue)] = [
                ("starts", .integer(count)), ("horizon", .integer(horizon)),
                ("gemm_gflops", .number(gflops, digits: 1)), ("ratio", .number(ratio, digits: 2)),
                ("ms_per_rollout", .number(seconds * 1e3, digits: 3)),
            ]
            if count == starts.last { extra.append(("target", .text(ratio >= Self.target ? "ok" : "MISS"))) }
            rows.append(BenchRow(name: "rollout.n\(count).h\(horizon)", value: Double(count * horizon) / seconds,
                                 digits: 0, unit: "model steps/s", extra))
        }
        rows.insert(comparison.row, at: 0)
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "starts", title: "N"),
            BenchColumn(key: "horizon", title: "H"), BenchColumn(key: "value", title: "model steps/s"),
            BenchColumn(key: "ms_per_rollout", title: "ms/rollout"), BenchColumn(key: "gemm_gflops", title: "GEMM GFLOP/s"),
            BenchColumn(key: "ratio", title: "of SGEMM"), BenchColumn(key: "target", title: "≥ \(Int(Self.target * 100))% at largest N"),
        ])
        printer.note("load average after: \(loadAverage)")
    }
}
