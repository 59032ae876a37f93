import Foundation
import Learning
import TensorCore

/// `bench pc`: training throughput of a predictive-coding network and of the same MLP trained by
/// backprop, as samples/s and as a fraction of a large SGEMM measured in the same run.
public struct PCBenchmark {
    /// What to train.
    public enum Mode: String, CaseIterable, Sendable {
        case pc, bp, both
    }

    /// The side of the reference SGEMM, timed after every `chunkBatches` training batches.
    static let referenceSize = 1024
    /// Training batches timed between two reference SGEMMs.
    static let chunkBatches = 16

    /// A safetensors file to train on instead of generated data.
    public var data: String?
    /// Where to write the generated data set, if anywhere.
    public var export: String?
    public var epochs: Int
    public var mode: Mode
    /// OpenBLAS threads (nil: all cores).
    public var threads: Int?
    public var batchSize: Int
    /// Seed of the data, the weights and the batch order.
    public var seed: UInt64
    /// Adam's step size on the weights, both rules (the peers' setting is 1e-3).
    public var weightLearningRate: Float

    /// A benchmark of `epochs` epochs in `mode`.
    public init(data: String?, export: String?, epochs: Int, mode: Mode, threads: Int?, batchSize: Int, seed: UInt64,
                weightLearningRate: Float = 1e-3) {
        self.data = data
        self.export = export
        self.epochs = epochs
        self.mode = mode
        self.threads = threads
        self.batchSize = batchSize
        self.seed = seed
        self.weightLearningRate = weightLearningRate
    }

    /// Generates or reads the data, exports it if asked, trains and prints the rows.
    public func run(printer: BenchPrinter) throws {
        BLASThreads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let threadCount = BLASThreads.current
        printer.note("OpenBLAS core \(BLASThreads.coreName), \(threadCount) thread(s)")

        let dataset: DynamicsDataset
        if let data {
            dataset = try DynamicsDataset(contentsOf: URL(fileURLWithPath: data))
        } else {
            dataset = DynamicsDataset(trainCount: 50_000, testCount: 10_000, seed: seed)
        }
        if let export {
            try dataset.write(to: URL(fileURLWithPath: export),
                              description: "foresight bench pc: y = x + 0.1 tanh(A x + B u), seed \(seed)")
            printer.progress("wrote the data set to \(export)")
        }
        guard epochs > 0 else { return }
        printer.note("data: \(dataset.trainInputs.rows) training, \(dataset.testInputs.rows) test samples; batch \(batchSize), \(epochs) epochs")

        var rng = RandomStream(seed: seed)
        let reference = SquareGEMM(size: Self.referenceSize, rng: &rng)
        _ = Stopwatch.seconds(2, reference.multiply)
        let sgemm = { reference.flops / Stopwatch.seconds(1, reference.multiply) / 1e9 }
        var rows: [BenchRow] = []

        var sgemmRates: [Double] = []
        let config = PCConfig(layerSizes: [14, 256, 256, 12], activation: .tanh, inferenceSteps: 8, inferenceRate: 0.1,
                              valueOptimizer: .sgd, variant: .standard)
        if mode != .bp {
            var network = PredictiveCodingNetwork(config: config, seed: seed)
            var workspace = PCWorkspace(for: network), predictions = PCWorkspace(for: network)
            var adam = Adam(learningRate: weightLearningRate)
            rows += try train(name: "pc", dataset: dataset, sgemm: sgemm, sgemmRates: &sgemmRates, printer: printer,
                              step: { input, target in
                                  try network.train(input: input, target: target, optimizer: &adam, workspace: &workspace).gemmFLOPs
                              },
                              predict: { network.predict($0, workspace: &predictions) })
        }
        if mode != .pc {
            var mlp = MLP(config: config.mlpConfig, seed: seed)
            var workspace = MLPWorkspace(for: mlp), predictions = MLPWorkspace(for: mlp), gradients = mlp.zeroGradients()
            var adam = Adam(learningRate: weightLearningRate)
            var gradient = Matrix(rows: batchSize, cols: DynamicsDataset.outputSize)
            let loss = MeanSquaredError()
            rows += try train(name: "bp", dataset: dataset, sgemm: sgemm, sgemmRates: &sgemmRates, printer: printer,
                              step: { input, target in
                                  gradient.resize(rows: input.rows)
                                  gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                                  let value = loss(mlp.forward(input, workspace: &workspace), target, gradient: &gradient)
                                  try TrainingGuard.check(Double(value), "loss", step: adam.stepCount)
                                  mlp.accumulateParameterGradients(gradient, workspace: &workspace, gradients: &gradients)
                                  adam.step(parameters: &mlp.parameters, gradients: gradients)
                                  try TrainingGuard.check(parameters: mlp.parameters, step: adam.stepCount)
                                  let forward = mlp.forwardFLOPs(rows: input.rows)
                                  return 3 * forward - mlp.layers[0].flops(rows: input.rows)
                              },
                              predict: { mlp.forward($0, workspace: &predictions) })
        }
        rows.insert(BenchRow(name: "sgemm \(Self.referenceSize)³", value: median(sgemmRates), digits: 1, unit: "GFLOP/s",
                             [("threads", .integer(threadCount))]), at: 0)
        printer.emit(rows, columns: [BenchColumn(key: "name", title: "measure"), BenchColumn(key: "value", title: "value"),
                                     BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "ratio", title: "of SGEMM"),
                                     BenchColumn(key: "test_mse", title: "test MSE"), BenchColumn(key: "seconds", title: "wall s")])
    }

    /// Trains for `epochs` with `step` (returns the GEMM FLOPs it did) and returns per-epoch and summary rows.
    ///
    /// Every `chunkBatches` batches `sgemm()` measures the reference rate (appended to
    /// `sgemmRates`); each chunk's GEMM rate is divided by it, and epoch and summary ratios are
    /// medians over chunks. Training time excludes the reference and the test evaluation.
    private func train(name: String, dataset: DynamicsDataset, sgemm: () -> Double, sgemmRates: inout [Double],
                       printer: BenchPrinter,
                       step: (Matrix, Matrix) throws -> Int, predict: (Matrix) -> Matrix) throws -> [BenchRow] {
        var order = Array(0..<dataset.trainInputs.rows)
        var rng = RandomStream(seed: seed).split(1)
        var inputs = Matrix(rows: batchSize, cols: DynamicsDataset.inputSize)
        var targets = Matrix(rows: batchSize, cols: DynamicsDataset.outputSize)
        var rows: [BenchRow] = []
        var totalSeconds = 0.0, totalFLOPs = 0.0, testMSE = Double.nan, ratios: [Double] = []
        var failure: Error?
        for epoch in 1...epochs {
            rng.shuffle(&order)
            var seconds = 0.0, epochRatios: [Double] = []
            for chunkStart in stride(from: 0, to: order.count, by: Self.chunkBatches * batchSize) {
                let chunkEnd = min(chunkStart + Self.chunkBatches * batchSize, order.count)
                var flops = 0
                let chunkSeconds = Stopwatch.seconds(1) {
                    for start in stride(from: chunkStart, to: chunkEnd, by: batchSize) where failure == nil {
                        let batch = order[start..<min(start + batchSize, chunkEnd)]
                        gatherRows(dataset.trainInputs, batch, into: &inputs)
                        gatherRows(dataset.trainTargets, batch, into: &targets)
                        do { flops += try step(inputs, targets) } catch { failure = error }
                    }
                }
                if let failure { throw failure }
                let referenceRate = sgemm()
                sgemmRates.append(referenceRate)
                epochRatios.append(Double(flops) / chunkSeconds / 1e9 / referenceRate)
                seconds += chunkSeconds
                totalFLOPs += Double(flops)
            }
            ratios += epochRatios
            totalSeconds += seconds
            testMSE = Double(MeanSquaredError()(predict(dataset.testInputs), dataset.testTargets))
            let rate = Double(order.count) / seconds
            let ratio = median(epochRatios)
            printer.progress(String(format: "%@ epoch %d: test MSE %.6f, %.0f samples/s, %.2f s, %.2f of SGEMM", name, epoch, testMSE, rate, seconds, ratio))
            rows.append(BenchRow(name: "\(name) epoch \(epoch)", value: rate, digits: 0, unit: "samples/s",
                                 [("ratio", .number(ratio, digits: 2)), ("test_mse", .number(testMSE, digits: 6)),
                                  ("seconds", .number(seconds, digits: 2))]))
        }
        let samples = Double(order.count * epochs)
        let gflops = totalFLOPs / totalSeconds / 1e9
        rows.append(BenchRow(name: "\(name) training", value: samples / totalSeconds, digits: 0, unit: "samples/s",
                             [("test_mse", .number(testMSE, digits: 6)), ("seconds", .number(totalSeconds, digits: 2))]))
        rows.append(BenchRow(name: "\(name) GEMM rate", value: gflops, digits: 1, unit: "GFLOP/s",
                             [("ratio", .number(median(ratios), digits: 2)), ("flops_per_sample", .number(totalFLOPs / samples, digits: 0))]))
        return rows
    }
}
