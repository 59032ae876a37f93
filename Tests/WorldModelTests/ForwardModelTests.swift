import Learning
import Testing
import TensorCore
@testable import WorldModel

/// Forward models: ensembles (independent networks that step together) and chunked validation.
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
        let ensemble = Self.model(rule: rule, members: 2, seed: seed)
        let first = Self.model(rule: rule, members: 1, seed: seed), second = Self.model(rule: rule, members: 1, seed: childSeed(seed, 1))
        #expect(ensemble.ensembleSize == 2)
        #expect(ensemble.parameters == first.parameters + second.parameters)
        var rng = RandomStream(seed: 2)
        let inputs = Matrix.normal(rows: 40, cols: 3, rng: &rng), targets = Matrix.normal(rows: 40, cols: 2, rng: &rng)
        let order = Array((0..<40).reversed())
        let loss = try ensemble.trainEpoch(inputs: inputs, targets: targets, order: order, batchSize: 8)
        let alone = try [first, second].map { try $0.trainEpoch(inputs: inputs, targets: targets, order: order, batchSize: 8) }
        #expect(abs(loss - (alone[0] + alone[1]) / 2) < 1e-9)
        #expect(ensemble.parameters == first.parameters + second.parameters)
        var mean = first.predictStandardized(inputs)
        mean.add(second.predictStandardized(inputs))
        mean.scale(by: 0.5)
        #expect(ensemble.predictStandardized(inputs) == mean)
        #expect(ensemble.optimizerState.buffers["m"]! == first.optimizerState.buffers["m"]! + second.optimizerState.buffers["m"]!)
    }

    @Test func optimizerStateSplitsBackIntoItsMembers() throws {
        let trained = Self.model(rule: .bp, members: 3, seed: 4)
        var rng = RandomStream(seed: 5)
        let inputs = Matrix.normal(rows: 16, cols: 3, rng: &rng), targets = Matrix.normal(rows: 16, cols: 2, rng: &rng)
        _ = try trained.trainEpoch(inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        let restored = Self.model(rule: .bp, members: 3, seed: 4)
        restored.parameters = trained.parameters
        try restored.restoreOptimizer(trained.optimizerState)
        #expect(restored.optimizerState == trained.optimizerState)
        _ = try trained.trainEpoch(inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        _ = try restored.trainEpoch(inputs: inputs, targets: targets, order: Array(0..<16), batchSize: 4)
        #expect(restored.parameters == trained.parameters)
    }

    @Test func validationLossInChunksIsTheWholeSetsMeanSquaredError() {
        let model = Self.model(rule: .bp, members: 2, seed: 6)
        var rng = RandomStream(seed: 7)
        let inputs = Matrix.normal(rows: 37, cols: 3, rng: &rng), targets = Matrix.normal(rows: 37, cols: 2, rng: &rng)
        let whole = Double(MeanSquaredError()(model.predictStandardized(inputs), targets))
        #expect(abs(model.loss(inputs: inputs, targets: targets, chunk: 5) - whole) < 1e-6)
        #expect(abs(model.loss(inputs: inputs, targets: targets) - whole) < 1e-6)
    }
}
