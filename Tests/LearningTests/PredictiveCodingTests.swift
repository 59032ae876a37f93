import Foundation
import Testing
import TensorCore
@testable import Learning

@Suite struct PredictiveCodingTests {
    @Test func energyDoesNotIncreaseDuringInference() throws {
        let config = PCConfig(layerSizes: [4, 8, 8, 3], activation: .tanh, inferenceSteps: 40, inferenceRate: 0.05)
        let network = PredictiveCodingNetwork(config: config, seed: 1)
        var workspace = PCWorkspace(for: network)
        let report = try network.computeGradients(input: randomMatrix(16, 4, seed: 2), target: randomMatrix(16, 3, seed: 3),
                                                  workspace: &workspace)
        #expect(report.energyTrace.count == 41)
        for t in 1..<report.energyTrace.count {
            #expect(report.energyTrace[t] <= report.energyTrace[t - 1] * (1 + 1e-6))
        }
        #expect(report.energyTrace.last! < 0.95 * report.initialEnergy)
        #expect(abs(report.energy - report.energyTrace.last!) < 1e-9 * report.initialEnergy)
    }

    @Test func skippingUntouchedLayersIsExact() throws {
        // Incremental PC with a zero learning rate recomputes every layer in every step;
        // standard PC skips the layers the output error has not reached yet.
        let sizes = [3, 6, 5, 4, 2]
        let input = randomMatrix(7, 3, seed: 20), target = randomMatrix(7, 2, seed: 21)
        let standard = PredictiveCodingNetwork(config: PCConfig(layerSizes: sizes, inferenceSteps: 6, inferenceRate: 0.2), seed: 22)
        var full = PredictiveCodingNetwork(config: PCConfig(layerSizes: sizes, inferenceSteps: 6, inferenceRate: 0.2,
                                                            variant: .incremental), seed: 22)
        var still = SGD(learningRate: 0)
        var standardWorkspace = PCWorkspace(for: standard), fullWorkspace = PCWorkspace(for: full)
        let skipped = try standard.computeGradients(input: input, target: target, workspace: &standardWorkspace)
        let recomputed = try full.train(input: input, target: target, optimizer: &still, workspace: &fullWorkspace)
        #expect(skipped.energyTrace == recomputed.energyTrace)
        #expect(skipped.gemmFLOPs < recomputed.gemmFLOPs)
    }

    @Test func countsTheGEMMFLOPsThatRan() throws {
        let network = PredictiveCodingNetwork(config: PCConfig(layerSizes: [2, 3, 4, 5], inferenceSteps: 2), seed: 1)
        var workspace = PCWorkspace(for: network)
        let report = try network.computeGradients(input: randomMatrix(1, 2, seed: 2), target: randomMatrix(1, 5, seed: 3),
                                                  workspace: &workspace)
        // Per layer 2·in·out = 12, 24, 40. Feedforward 76; step 1 reaches only the output layer
        // (error 40 + prediction 40); step 2 also layer 2 (64 + 64); weight gradients 76.
        #expect(report.gemmFLOPs == 76 + 80 + 128 + 76)
    }

    @Test func earlyStopWhenEnergySettles() throws {
        let config = PCConfig(layerSizes: [4, 8, 3], inferenceSteps: 500, inferenceRate: 0.1, energyTolerance: 1e-4)
        let network = PredictiveCodingNetwork(config: config, seed: 1)
        var workspace = PCWorkspace(for: network)
        let report = try network.computeGradients(input: randomMatrix(8, 4, seed: 2), target: randomMatrix(8, 3, seed: 3),
                                                  workspace: &workspace)
        #expect(report.inferenceSteps < 500)
        #expect(report.energyTrace.count == report.inferenceSteps + 1)
    }

    /// The backprop gradient of ½ Σ ‖y − t‖² / B for the equivalent MLP.
    private func backpropGradients(_ config: PCConfig, seed: UInt64, input: Matrix, target: Matrix) -> [Float] {
        let mlp = MLP(config: config.mlpConfig, seed: seed)
        var workspace = MLPWorkspace(for: mlp), gradients = mlp.zeroGradients()
        var g = mlp.forward(input, workspace: &workspace)
        g.subtract(target)
        g.scale(by: 1 / Float(input.rows))
        mlp.accumulateParameterGradients(g, workspace: &workspace, gradients: &gradients)
        return gradients
    }

    @Test(arguments: [Activation.tanh, .gelu])
    func fixedPredictionEqualsBackprop(_ activation: Activation) throws {
        let config = PCConfig(layerSizes: [5, 7, 6, 4, 3], activation: activation, inferenceSteps: 4,
                              inferenceRate: 1, variant: .fixedPrediction)
        let network = PredictiveCodingNetwork(config: config, seed: 4)
        let input = randomMatrix(9, 5, seed: 5), target = randomMatrix(9, 3, seed: 6)
        var workspace = PCWorkspace(for: network)
        try network.computeGradients(input: input, target: target, workspace: &workspace)
        let expected = backpropGradients(config, seed: 4, input: input, target: target)
        #expect(relativeError(workspace.gradients, expected) < 1e-4)
    }

    @Test func standardModeWithSmallErrorFollowsBackprop() throws {
        let config = PCConfig(layerSizes: [5, 16, 16, 3], activation: .tanh, inferenceSteps: 100, inferenceRate: 0.1)
        let network = PredictiveCodingNetwork(config: config, seed: 7)
        let input = randomMatrix(12, 5, seed: 8)
        var workspace = PCWorkspace(for: network)
        var target = network.predict(input, workspace: &workspace)
        target.add(randomMatrix(12, 3, seed: 9, std: 1e-3))
        try network.computeGradients(input: input, target: target, workspace: &workspace)
        let expected = backpropGradients(config, seed: 7, input: input, target: target)
        #expect(cosine(workspace.gradients, expected) > 0.99)
    }

    @Test func predictionIsTheFeedforwardPass() {
        let config = PCConfig(layerSizes: [3, 6, 2], activation: .relu)
        let network = PredictiveCodingNetwork(config: config, seed: 10)
        let mlp = MLP(config: config.mlpConfig, seed: 10)
        let x = randomMatrix(5, 3, seed: 11)
        var pcWorkspace = PCWorkspace(for: network), mlpWorkspace = MLPWorkspace(for: mlp)
        #expect(network.parameters == mlp.parameters)
        #expect(network.predict(x, workspace: &pcWorkspace) == mlp.forward(x, workspace: &mlpWorkspace))
    }

    @Test(arguments: [PCVariant.standard, .incremental])
    func learnsXOR(_ variant: PCVariant) throws {
        let input = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
        let target = Matrix([[0], [1], [1], [0]])
        let config = PCConfig(layerSizes: [2, 8, 1], activation: .tanh, inferenceSteps: 10, inferenceRate: 0.2, variant: variant)
        var network = PredictiveCodingNetwork(config: config, seed: 12)
        var adam = Adam(learningRate: 0.02)
        var workspace = PCWorkspace(for: network)
        for _ in 0..<600 { try network.train(input: input, target: target, optimizer: &adam, workspace: &workspace) }
        let prediction = network.predict(input, workspace: &workspace)
        for i in 0..<4 { #expect(abs(prediction[i, 0] - target[i, 0]) < 0.1) }
        #expect(workspace.step == 600)
    }

    /// Full-batch fit of sin on [−π, π] by a 1-4-1 tanh network from the same initial weights,
    /// Adam 1e-2 then 1e-3 for the last third: PC (γ = 0.2, T = 30) against backprop.
    @Test func fitsASineLikeBackprop() throws {
        let count = 128, iterations = 4000
        let xs = (0..<count).map { Float($0) / Float(count - 1) * 2 * .pi - .pi }
        let input = Matrix(rows: count, cols: 1, elements: xs)
        let target = Matrix(rows: count, cols: 1, elements: xs.map { sin($0) })
        let config = PCConfig(layerSizes: [1, 4, 1], activation: .tanh, inferenceSteps: 30, inferenceRate: 0.2)
        var network = PredictiveCodingNetwork(config: config, seed: 13)
        var mlp = MLP(config: config.mlpConfig, seed: 13)
        var pcWorkspace = PCWorkspace(for: network), mlpWorkspace = MLPWorkspace(for: mlp), gradients = mlp.zeroGradients()
        var pcOptimizer = Adam(learningRate: 1e-2), bpOptimizer = Adam(learningRate: 1e-2)
        var gradient = Matrix(rows: count, cols: 1)
        for iteration in 0..<iterations {
            if iteration == iterations * 2 / 3 { pcOptimizer.learningRate = 1e-3; bpOptimizer.learningRate = 1e-3 }
            try network.train(input: input, target: target, optimizer: &pcOptimizer, workspace: &pcWorkspace)
            gradients = mlp.zeroGradients()
            _ = MeanSquaredError()(mlp.forward(input, workspace: &mlpWorkspace), target, gradient: &gradient)
            mlp.accumulateParameterGradients(gradient, workspace: &mlpWorkspace, gradients: &gradients)
            bpOptimizer.step(parameters: &mlp.parameters, gradients: gradients)
        }
        let pcLoss = MeanSquaredError()(network.predict(input, workspace: &pcWorkspace), target)
        let bpLoss = MeanSquaredError()(mlp.forward(input, workspace: &mlpWorkspace), target)
        print("sine fit: predictive coding MSE \(pcLoss), backprop MSE \(bpLoss)")
        #expect(bpLoss < 1e-4)
        #expect(abs(pcLoss - bpLoss) <= 0.1 * bpLoss)
    }

    @Test func nonFiniteWeightsStopTrainingNamingTheStep() throws {
        var network = PredictiveCodingNetwork(config: PCConfig(layerSizes: [2, 4, 1]), seed: 15)
        var sgd = SGD(learningRate: 0.1)
        var workspace = PCWorkspace(for: network)
        let x = randomMatrix(4, 2, seed: 16), y = randomMatrix(4, 1, seed: 17)
        try network.train(input: x, target: y, optimizer: &sgd, workspace: &workspace)
        network.parameters[3] = .nan
        #expect(throws: TrainingError(quantity: "energy", step: 1, detail: "after the feedforward pass")) {
            try network.train(input: x, target: y, optimizer: &sgd, workspace: &workspace)
        }
        network.parameters[3] = 0
        var exploding = SGD(learningRate: .infinity)
        let error = #expect(throws: TrainingError.self) {
            try network.train(input: x, target: y, optimizer: &exploding, workspace: &workspace)
        }
        #expect(error?.step == 1)
        #expect(error?.description.contains("training step 1") == true)
    }
}
