import Foundation
import Testing
import TensorCore
@testable import Learning

@Suite struct CheckpointTests {
    private func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("learning-\(UUID().uuidString)-\(name)")
    }

    private func trainedMLP() -> (MLP, Adam) {
        let mlp = MLP(config: MLPConfig(inputSize: 3, hiddenSizes: [8, 8], outputSize: 2, activation: .gelu, layerNorm: true), seed: 1)
        var adam = Adam(learningRate: 0.01)
        let x = randomMatrix(16, 3, seed: 2), y = randomMatrix(16, 2, seed: 3)
        var g = Matrix(rows: 16, cols: 2)
        for _ in 0..<5 {
            mlp.zeroGradients()
            _ = MeanSquaredError()(mlp.forward(x), y, gradient: &g)
            mlp.backward(g)
            adam.step(parameters: &mlp.parameters, gradients: mlp.gradients)
        }
        return (mlp, adam)
    }

    @Test func mlpRoundTripsWithOptimizerState() throws {
        let (mlp, adam) = trainedMLP()
        let url = temporaryURL("mlp.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try mlp.save(to: url, optimizer: adam.state, step: 5)
        let (loaded, progress) = try MLP.load(from: url)
        #expect(loaded.config == mlp.config)
        #expect(loaded.parameters == mlp.parameters)
        #expect(progress.step == 5)
        #expect(progress.optimizer == adam.state)
        let x = randomMatrix(4, 3, seed: 9)
        #expect(loaded.forward(x) == mlp.forward(x))
        let file = try SafetensorsFile(url: url)
        try file.require("layers.0.weight", dtype: .f32, shape: [8, 3])
        try file.require("optimizer.m.norms.1.scale", dtype: .f32, shape: [8])
    }

    @Test func predictiveCodingRoundTripsTheStep() throws {
        let config = PCConfig(layerSizes: [2, 4, 1], inferenceSteps: 3, variant: .incremental)
        let network = PredictiveCodingNetwork(config: config, seed: 4)
        var sgd = SGD(learningRate: 0.05, momentum: 0.9)
        for _ in 0..<3 { try network.train(input: randomMatrix(4, 2, seed: 5), target: randomMatrix(4, 1, seed: 6), optimizer: &sgd) }
        let url = temporaryURL("pc.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try network.save(to: url, optimizer: sgd.state, step: network.step)
        let fresh = PredictiveCodingNetwork(config: config, seed: 99)
        let progress = try fresh.restore(from: url)
        #expect(fresh.parameters == network.parameters)
        #expect(progress.step == 3)
        var resumed = SGD(learningRate: 1)
        try resumed.restore(try #require(progress.optimizer))
        #expect(resumed.state == sgd.state)
    }

    @Test func mismatchedArchitectureNamesTheFields() throws {
        let (mlp, _) = trainedMLP()
        let url = temporaryURL("arch.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try mlp.save(to: url, step: 0)
        let other = MLP(config: MLPConfig(inputSize: 3, hiddenSizes: [16], outputSize: 2, activation: .gelu, layerNorm: true), seed: 1)
        let error = #expect(throws: CheckpointError.self) { try other.restore(from: url) }
        #expect(error?.path == url.path)
        #expect(error?.reason.contains("hiddenSizes: file has [8,8], model has [16]") == true)
        let kind = #expect(throws: CheckpointError.self) { try PredictiveCodingNetwork.load(from: url) }
        #expect(kind?.reason.contains("kind") == true)
    }

    @Test func damagedFilesAreClearErrors() throws {
        let (mlp, _) = trainedMLP()
        let url = temporaryURL("damaged.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try mlp.save(to: url, step: 0)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 10).write(to: url)
        let truncated = #expect(throws: CheckpointError.self) { try MLP.load(from: url) }
        #expect(truncated?.description.contains(url.path) == true)
        #expect(truncated?.reason.contains("truncated") == true)
        var archive = SafetensorsArchive(tensors: ["layers.0.weight": Tensor([Float](repeating: 0, count: 3), shape: [3])],
                                         metadata: ["format": "foresight-checkpoint", "format_version": "1", "kind": "mlp",
                                                    "config": "{\"inputSize\":3}", "step": "0"])
        try archive.write(to: url)
        let config = #expect(throws: CheckpointError.self) { try MLP.load(from: url) }
        #expect(config?.reason.contains("__metadata__.config") == true)
        archive.metadata["config"] = try String(decoding: JSONEncoder().encode(mlp.config), as: UTF8.self)
        try archive.write(to: url)
        let shape = #expect(throws: CheckpointError.self) { try MLP.load(from: url) }
        #expect(shape?.reason.contains("layers.0.weight") == true)
    }
}
