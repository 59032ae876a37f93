import Foundation
import TensorCore

/// `bench blas`: GEMM throughput at world-model shapes, as a fraction of a large square SGEMM
/// measured in the same run (each repetition of a layer's three GEMMs followed by one reference).
public struct BLASBenchmark {
    /// OpenBLAS threads (nil: all cores).
    public var threads: Int?
    /// Batch sizes B.
    public var batches: [Int]
    /// Feature counts F, the width of a dense F -> F layer.
    public var features: [Int]
    /// Side N of the square reference SGEMM.
    public var referenceSize: Int
    /// Timed repetitions per measurement (the median is reported).
    public var repetitions: Int

    /// The ratio MLP-shaped GEMMs must reach.
    public static let target = 0.70

    /// A benchmark of every batch size and feature count against an N³ reference.
    public init(threads: Int?, batches: [Int], features: [Int], referenceSize: Int, repetitions: Int) {
        self.threads = threads
        self.batches = batches
        self.features = features
        self.referenceSize = referenceSize
        self.repetitions = repetitions
    }

    /// Measures and prints the rows.
    public func run(printer: BenchPrinter) {
        BLASThreads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let threadCount = BLASThreads.current
        let core = BLASThreads.coreName
        printer.note("OpenBLAS core \(core), \(threadCount) thread(s), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(BLASThreads.configuration)")
        printer.note("load average before: \(loadAverage)")

        var rng = RandomStream(seed: 1)
        let reference = SquareGEMM(size: referenceSize, rng: &rng)
        let stopwatch = Stopwatch(repetitions: repetitions)
        printer.progress("warming up the reference SGEMM \(referenceSize)³ ...")
        _ = Stopwatch.seconds(2, reference.multiply)

        let common: [(String, BenchValue)] = [("threads", .integer(threadCount)), ("core", .text(core))]
        var rows: [BenchRow] = []
        var referenceRates: [Double] = []
        var targetRatios: [Double] = []
        for batch in batches {
            for width in features {
                printer.progress("batch \(batch), \(width) features ...")
                let gemms = DenseLayerOperands(batch: batch, width: width, rng: &rng).gemms
                let samples = stopwatch.interleavedSeconds(gemms.map(\.multiply), reference: reference.multiply)
                let sampleReferenceRates = samples.map { reference.flops / $0.reference / 1e9 }
                referenceRates += sampleReferenceRates
                for (index, gemm) in gemms.enumerated() {
                    let rates = samples.map { gemm.flops / $0.bodies[index] / 1e9 }
                    let ratio = median(zip(rates, sampleReferenceRates).map { $0 / $1 })
                    var extra: [(String, BenchValue)] = [
                        ("ratio", .number(ratio, digits: 2)), ("gemm", .text(gemm.kind.rawValue)),
                        ("batch", .integer(batch)), ("features", .integer(width)),
                        ("m", .integer(gemm.m)), ("n", .integer(gemm.n)), ("k", .integer(gemm.k)),
                    ]
                    if Self.isMLPTarget(batch: batch, width: width) {
                        targetRatios.append(ratio)
                        extra.append(("target", .text(ratio >= Self.target ? "ok" : "MISS")))
                    }
                    rows.append(BenchRow(name: "gemm.b\(batch).f\(width).\(gemm.kind.rawValue)",
                                         value: median(rates), digits: 1, unit: "GFLOP/s", extra + common))
                }
            }
        }
        let referenceRate = median(referenceRates)
        rows.insert(BenchRow(name: "sgemm.\(referenceSize)", value: referenceRate, digits: 1, unit: "GFLOP/s",
                             [("ratio", .number(1, digits: 2)), ("gemm", .text("reference")),
                              ("m", .integer(referenceSize)), ("n", .integer(referenceSize)), ("k", .integer(referenceSize)),
                              ("min", .number(referenceRates.min()!, digits: 1)),
                              ("max", .number(referenceRates.max()!, digits: 1))] + common), at: 0)
        if let worst = targetRatios.min() {
            rows.append(BenchRow(name: "gemm.mlp_target.worst_ratio", value: worst, unit: "ratio",
                                 [("ratio", .number(worst, digits: 2)),
                                  ("target", .text(worst >= Self.target ? "ok" : "MISS"))] + common))
        }
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "m", title: "M"),
            BenchColumn(key: "n", title: "N"), BenchColumn(key: "k", title: "K"),
            BenchColumn(key: "value", title: "GFLOP/s"), BenchColumn(key: "ratio", title: "ratio"),
            BenchColumn(key: "target", title: "≥ \(Int(Self.target * 100))%"),
        ])
        printer.note(String(format: "reference runs: %.1f to %.1f GFLOP/s (a wide range means other processes used the cores)",
                            referenceRates.min()!, referenceRates.max()!))
        printer.note("load average after: \(loadAverage)")
    }

    /// Whether the target applies: batch 256 with 256 to 1024 features.
    static func isMLPTarget(batch: Int, width: Int) -> Bool {
        batch == 256 && (256...1024).contains(width)
    }
}
