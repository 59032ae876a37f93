import Foundation
import Learning
import Testing
import TensorCore
@testable import WorldModel

/// The forward models' weight decay (AdamW's, decoupled) and what a config without it or an ensemble size means: one network, plain Adam.
@Suite struct ForwardDefaultsTests {
    @Test(arguments: ForwardRule.allCases)
    func weightDecayShrinksEveryWeightByTheLearningRateTimesLambdaBesideAdamsStep(rule: ForwardRule) throws {
        let start = ForwardModelTests.model(rule: rule, members: 1, seed: 5)
        var plain = start, decayed = start
        var plainTraining = ForwardTraining(for: plain, learningRate: 1e-2)
        var decayedTraining = ForwardTraining(for: decayed, learningRate: 1e-2, weightDecay: 0.5)
        var rng = RandomStream(seed: 6)
        let inputs = Matrix.normal(rows: 16, cols: 3, rng: &rng), targets = Matrix.normal(rows: 16, cols: 2, rng: &rng)
        let order = Array(0..<16)
        _ = try plainTraining.trainEpoch(&plain, inputs: inputs, targets: targets, order: order, batchSize: 16)
        _ = try decayedTraining.trainEpoch(&decayed, inputs: inputs, targets: targets, order: order, batchSize: 16)
        // One step from the same weights and gradients: AdamW's weights are Adam's less lr × λ × the weights before the step.
        for (index, weight) in start.parameters.enumerated() {
            #expect(abs(decayed.parameters[index] - (plain.parameters[index] - 1e-2 * 0.5 * weight)) < 1e-6)
        }
        #expect(decayedTraining.optimizerState.kind == "adamw" && plainTraining.optimizerState.kind == "adam")
    }

    @Test func aConfigWithoutTheFieldsHasOneNetworkAndPlainAdamAsRunsMadeBefore() throws {
        let (_, data) = try RobotBodiesTests.armRollout(steps: 1)
        func optimizerKind(_ config: WorldModelConfig) -> String {
            let models = RunModels(record: RunRecord(config: config, data: data),
                                   stateNormalizer: Normalizer(identity: data.stateLabels.count))
            let id = ForwardModelID(space: .state, rule: .pc)
            models.addForwardModel(ForwardModelTests.model(rule: .pc, members: 1, seed: 1), id: id)
            return models.forwardTraining[id]!.optimizerState.kind
        }
        let old = WorldModelConfig()
        #expect(old.ensembleSize == 1 && old.forwardWeightDecay == nil && optimizerKind(old) == "adam")
        var decayed = old
        decayed.forwardWeightDecay = 0.01
        #expect(optimizerKind(decayed) == "adamw")
    }

    @Test func aNegativeWeightDecayIsRefusedByName() {
        var config = WorldModelConfig()
        config.forwardWeightDecay = -0.1
        #expect(throws: ConfigurationError("forwardWeightDecay must be a finite number ≥ 0, got -0.1")) { try config.validate() }
    }
}
