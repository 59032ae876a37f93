import ArgumentParser
import Foundation
import TensorCore

/// `foresight bench blas`: GEMM throughput at world-model shapes, as a fraction of a large
/// square SGEMM measured in the same run.
struct BenchBLAS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blas",
        abstract: "GEMM throughput of dense-layer shapes as a ratio to a large square SGEMM.",
        discussion: """
            For every batch size B and feature count F, times the three GEMMs of a dense \
            F -> F layer: forward Y = X·W (B x F x F), input gradient dX = dY·Wᵀ (B x F x F) \
            and weight gradient dW = Xᵀ·dY (F x F x B). Every repetition of a layer's three \
            GEMMs is followed by one N x N x N reference SGEMM, and each ratio is the median \
            of the per-repetition ratios, so other processes slowing the machine affect both \
            sides alike. Target: MLP shapes (batch 256, 256-1024 features) reach 70% of the \
            reference rate.
            """)

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Option(help: "Comma-separated batch sizes (default: 64,256,1024).", transform: BenchBLAS.integerList)
    var batches: [Int] = [64, 256, 1024]

    @Option(help: "Comma-separated feature counts, the layer width (default: 32,64,128,256,512,1024).", transform: BenchBLAS.integerList)
    var features: [Int] = [32, 64, 128, 256, 512, 1024]

    @Option(help: "Side N of the square reference SGEMM.")
    var referenceSize = 2048

    @Option(help: "Timed repetitions per measurement (the median is reported).")
    var repetitions = 5

    @OptionGroup var output: BenchOutputOptions

    /// The ratio MLP-shaped GEMMs must reach.
    static let target = 0.70

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard referenceSize >= 1 else { throw ValidationError("--reference-size must be at least 1, got \(referenceSize)") }
        guard !batches.isEmpty, batches.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--batches needs positive sizes") }
        guard !features.isEmpty, features.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--features needs positive sizes") }
    }

    func run() throws {
        let printer = BenchPrinter(json: output.json)
        BLASThreads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let threadCount = BLASThreads.current
        let core = BLASThreads.coreName
        printer.note("OpenBLAS core \(core), \(threadCount) thread(s), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(BLASThreads.configuration)")
        printer.note("load average before: \(Self.loadAverage)")

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
        printer.note("load average after: \(Self.loadAverage)")
    }

    /// Whether the target applies: batch 256 with 256 to 1024 features.
    static func isMLPTarget(batch: Int, width: Int) -> Bool {
        batch == 256 && (256...1024).contains(width)
    }

    /// The 1, 5 and 15 minute load averages, or "unknown".
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Parses "64,256,1024".
    static func integerList(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("'\(part)' is not an integer (expected a list like 64,256,1024)")
            }
            return value
        }
    }
}

/// The operands of a dense `width -> width` layer on a batch, and its three GEMMs.
///
/// Stored as a layer stores them: X and dY are batch x width, W is width x width.
final class DenseLayerOperands {
    /// Which product of the layer.
    enum Kind: String {
        /// Y = X·W: batch x width x width.
        case forward
        /// dX = dY·Wᵀ: batch x width x width.
        case inputGradient = "input-grad"
        /// dW = Xᵀ·dY: width x width x batch.
        case weightGradient = "weight-grad"
    }

    /// One GEMM: its shape, FLOP count and a closure that runs it.
    struct GEMM {
        let kind: Kind
        let m: Int, n: Int, k: Int
        let multiply: () -> Void
        var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    let x: Matrix, dY: Matrix, w: Matrix
    var y: Matrix, dX: Matrix, dW: Matrix
    let batch: Int, width: Int

    init(batch: Int, width: Int, rng: inout RandomStream) {
        self.batch = batch
        self.width = width
        x = Matrix.uniform(rows: batch, cols: width, low: -1, high: 1, rng: &rng)
        dY = Matrix.uniform(rows: batch, cols: width, low: -1, high: 1, rng: &rng)
        w = Matrix.uniform(rows: width, cols: width, low: -1, high: 1, rng: &rng)
        y = Matrix(rows: batch, cols: width)
        dX = Matrix(rows: batch, cols: width)
        dW = Matrix(rows: width, cols: width)
    }

    /// The forward, input-gradient and weight-gradient GEMMs.
    var gemms: [GEMM] {
        [
            GEMM(kind: .forward, m: batch, n: width, k: width) { self.y.gemm(self.x, .none, self.w, .none) },
            GEMM(kind: .inputGradient, m: batch, n: width, k: width) { self.dX.gemm(self.dY, .none, self.w, .transposed) },
            GEMM(kind: .weightGradient, m: width, n: width, k: batch) { self.dW.gemm(self.x, .transposed, self.dY, .none) },
        ]
    }
}

/// A square `size`³ SGEMM, C = A·B: the reference the dense-layer GEMMs are compared with.
final class SquareGEMM {
    let a: Matrix, b: Matrix
    var c: Matrix
    let flops: Double

    init(size: Int, rng: inout RandomStream) {
        a = Matrix.uniform(rows: size, cols: size, low: -1, high: 1, rng: &rng)
        b = Matrix.uniform(rows: size, cols: size, low: -1, high: 1, rng: &rng)
        c = Matrix(rows: size, cols: size)
        flops = 2 * Double(size) * Double(size) * Double(size)
    }

    /// Runs the product once.
    func multiply() { c.gemm(a, .none, b, .none) }
}
