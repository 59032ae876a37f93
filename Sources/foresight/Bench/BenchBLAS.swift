import ArgumentParser
import Benchmarks
import Foundation

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

    @Option(help: "Comma-separated batch sizes (default: 64,256,1024).", transform: Self.integerList)
    var batches: [Int] = [64, 256, 1024]

    @Option(help: "Comma-separated feature counts, the layer width (default: 32,64,128,256,512,1024).", transform: Self.integerList)
    var features: [Int] = [32, 64, 128, 256, 512, 1024]

    @OptionGroup var reference: ReferenceOptions

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard !batches.isEmpty, batches.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--batches needs positive sizes") }
        guard !features.isEmpty, features.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--features needs positive sizes") }
    }

    func run() throws {
        BLASBenchmark(threads: threads, batches: batches, features: features, referenceSize: reference.referenceSize,
                      repetitions: reference.repetitions).run(printer: output.printer)
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
