import ArgumentParser
import Benchmarks

/// `foresight bench pc`: training throughput of a predictive-coding network and of the same
/// MLP trained by backprop, as GFLOP/s and as a fraction of a large SGEMM measured in the same run.
struct BenchPC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pc",
        abstract: "Train a predictive-coding network and the same MLP by backprop; report samples/s and GEMM efficiency.",
        discussion: """
            Network 14 -> 256 -> 256 -> 12, tanh, batch 256. Predictive coding: T = 8 inference \
            steps from a feedforward initialisation, gamma = 0.1, SGD on the value nodes, Adam \
            (1e-3) on the weights. Backprop: the same MLP, MSE loss, Adam (1e-3). Data: y = x + \
            0.1 tanh(A x + B u), x in R^12, u in R^2 (50,000 training and 10,000 test samples, \
            seeded) or --data FILE. FLOPs count only the GEMMs that ran, 2·m·n·k each (for \
            PC: the feedforward pass, per inference step the error propagation and the new \
            predictions of the layers the output error has reached, and the weight \
            gradients; for backprop: forward, weight gradients and input gradients of every \
            layer but the first); element-wise work is not counted. Every 16 batches a \
            1024³ SGEMM is timed with the same thread count (outside the training time); \
            each 16-batch chunk's GEMM rate is divided by the SGEMM rate right after it, and \
            the reported ratio is the median over chunks, so load from other processes \
            affects both sides alike. Target: both ratios at least 0.5.
            """)

    @Option(help: "Train on this safetensors file (F32 x_train [N,14], y_train [N,12], x_test, y_test) instead of generated data.")
    var data: String?

    @Option(help: "Write the generated data set to this safetensors file.")
    var export: String?

    @Option(help: "Training epochs.")
    var epochs = 10

    @Option(help: "What to train: pc, bp or both.")
    var mode: PCBenchmark.Mode = .both

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Option(help: "Mini-batch size.")
    var batchSize = 256

    @Option(help: "Seed of the data, the weights and the batch order.")
    var seed: UInt64 = 1

    @Option(help: "Adam's step size on the weights, both rules (the peers run 1e-3).")
    var weightLearningRate: Float = 1e-3

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard epochs >= 0 else { throw ValidationError("--epochs must be at least 0, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard weightLearningRate > 0, weightLearningRate.isFinite else {
            throw ValidationError("--weight-learning-rate must be a positive number, got \(weightLearningRate)")
        }
    }

    func run() throws {
        try PCBenchmark(data: data, export: export, epochs: epochs, mode: mode, threads: threads, batchSize: batchSize, seed: seed,
                         weightLearningRate: weightLearningRate)
            .run(printer: output.printer)
    }
}

extension PCBenchmark.Mode: ExpressibleByArgument {}
