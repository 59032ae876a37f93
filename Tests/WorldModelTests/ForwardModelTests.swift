import Learning
import Testing
import TensorCore
@testable import WorldModel

/// Forward models: ensembles (independent networks that step together), chunked validation, workspaces.
@Suite struct ForwardModelTests {
    static func model(rule: ForwardRule, members: Int, seed: UInt64) -> ForwardModel {
        var config = WorldModelConfig()
        config.forwardHidden = [8]
        config.forwardEnsembleSize = members
        return ForwardModel(rule: rule, config: config, inputNormalizer: Normalizer(identity: 3),
                            targetNormalizer: Normalizer(identity: 2), seed: seed)
    }

    @Test(arguments: ForwardRule.allCases)
    func anEnsembleTrainsAndPredictsLikeItsMembersTrainedAlone(rule: ForwardRule) throws {
        let seed: UInt64 = 21
        var ensemble = Self.model(rule: rule, members: 2, seed: seed)
        var first = Self.model(rule: rule, members: 1, seed: seed), second = Self.model(rule: rule, members: 1, seed: childSeed(seed, 1))
        var ensembleTraining = ForwardTraining(for: ensemble, learningRate: 1e-3)
        var firstTraining = ForwardTraining(for: first, learningRate: 1e-3), secondTraining = ForwardTraining(for: second, learningRate: 1e-3)
        #expect(ensemble.ensembleSize == 2)
        #expect(ensemble.parameters == first.parameters + second.parameters)
        var rng = RandomStream(seed: 2)
        let inputs = Matrix.normal(rows: 40, cols: 3, rng: &rng), targets = Matrix.normal(rows: 40, cols: 2, rng: &rng)
        let order = Array((0..<40).reversed())
        let loss = try ensembleTraining.trainEpoch(&ensemble, inputs: inputs, targets: targets, order: order, batchSize: 8)
        let alone = [try firstTraining.trainEpoch(&first, inputs: inputs, targets: targets, order: order, batchSize: 8),
                     try secondTraining.trainEpoch(&second, inputs: inputs, targets: targets, order: order, batchSize: 8)]
        #expect(abs(loss - (alone[0] + alone[1]) / 2) < 1e-9)
        #expect(ensemble.parameters == first.parameters + second.parameters)
        var firstWorkspace = ForwardWorkspace(for: first), secondWorkspace = ForwardWorkspace(for: second)
        var mean = first.predictStandardized(inputs, workspace: &firstWorkspace)
        mean.add(second.predictStandardized(inputs, workspace: &secondWorkspace))
        mean.scale(by: 0.5)
        var workspace = ForwardWorkspace(for: ensemble)
        #expect(ensemble.predictStandardized(inputs, workspace: &workspace) == mean)
        #expect(ensembleTraining.optimizerState.buffers["m"]!
                == firstTraining.optimizerState.buffers["m"]! + secondTraining.optimizerState.buffers["m"]!)
    }

    @Test func optimizerStateSplitsBackIntoItsMembers() throws {
        var trained = Self.model(rule: .bp, members: 3, seed: 4)
        var training = ForwardTraining(for: trained, learningRate: 1e-3)
        var rng = RandomStream(seed: 5)
        let inputs = Matrix.normal(rows: 16, cols: 3, rng: &rng), targets = Matrix.normal(rows: 16, cols: 2, rng: &rng)
        let firstEpoch = try training.trainEpoch(&trained, inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        var restored = Self.model(rule: .bp, members: 3, seed: 4)
        var restoredTraining = ForwardTraining(for: restored, learningRate: 1e-3)
        restored.parameters = trained.parameters
        try restoredTraining.restoreOptimizer(training.optimizerState)
        #expect(restoredTraining.optimizerState == training.optimizerState)
        let second = try training.trainEpoch(&trained, inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        let resumed = try restoredTraining.trainEpoch(&restored, inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        #expect(restored.parameters == trained.parameters)
        #expect(resumed == second && second < firstEpoch)
    }

    @Test func validationLossInChunksIsTheWholeSetsMeanSquaredError() {
        let model = Self.model(rule: .bp, members: 2, seed: 6)
        var rng = RandomStream(seed: 7)
        let inputs = Matrix.normal(rows: 37, cols: 3, rng: &rng), targets = Matrix.normal(rows: 37, cols: 2, rng: &rng)
        var workspace = ForwardWorkspace(for: model)
        let whole = Double(MeanSquaredError()(model.predictStandardized(inputs, workspace: &workspace), targets))
        #expect(abs(model.loss(inputs: inputs, targets: targets, chunk: 5) - whole) < 1e-6)
        #expect(abs(model.loss(inputs: inputs, targets: targets) - whole) < 1e-6)
    }
}
