import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// Training pairs from a state model's own rollouts (Data as Demonstrator).
@Suite struct RolloutPairsTests {
    /// A factorised state model trained one epoch on synthetic episodes, and those episodes.
    static func trainedModel() throws -> (ForwardModel, EpisodeData) {
        let data = SyntheticWorld.data(episodes: 6, steps: 7, seed: 4)
        var config = TrainingTests.config(input: .state, epochs: 1)
        config.forwardEpochs = 1
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 16), train: data, validation: data,
                                            runURL: run)
        try trainer.run()
        return (try #require(trainer.models.forward[ForwardModelID(space: .state, rule: .pc)]), data)
    }

    @Test func pairsStartAtTheModelsOwnPredictionsAndPointAtTheRecordedNextState() throws {
        let (model, data) = try RolloutPairsTests.trainedModel()
        #expect(model.layout != nil, "the synthetic state splits into bodies")
        let horizon = 3, offset = 1
        let (inputs, targets) = RolloutPairs.raw(model: model, data: data, horizon: horizon, offset: offset)
        // Naively: one start at a time, one prediction at a time, pairs in the same order (step j, then start).
        let starts = (0..<data.episodeCount).flatMap { episode in [1, 4].map { (episode: episode, step: $0) } }  // t ≤ steps − 2 = 5
        var predicted: [[Matrix]] = starts.map { [data.states.gatherRows([data.frame(episode: $0.episode, step: $0.step)])] }
        for j in 1...horizon {
            for (index, start) in starts.enumerated() where start.step + j - 1 < data.steps {
                let action = data.actions.gatherRows([start.episode * data.steps + start.step + j - 1])
                predicted[index].append(model.predictNext(predicted[index][j - 1], actions: action))
            }
        }
        var expectedInputs: [Float] = [], expectedTargets: [Float] = []
        for j in 1...horizon {
            for (index, start) in starts.enumerated() where start.step + j <= data.steps - 1 {
                let now = predicted[index][j], action = data.actions.gatherRows([start.episode * data.steps + start.step + j])
                let next = data.states.gatherRows([data.frame(episode: start.episode, step: start.step + j + 1)])
                expectedInputs += model.layout!.inputs(states: now, actions: action).storage
                expectedTargets += model.layout!.targets(from: now, to: next).storage
            }
        }
        // Windows from 1 (steps 2, 3, 4) and from 4 (steps 5, 6): five pairs per episode.
        let bodies = model.layout!.bodyCount
        #expect(inputs.rows == data.episodeCount * 5 * bodies && targets.rows == inputs.rows)
        #expect(inputs.storage.count == expectedInputs.count && targets.storage.count == expectedTargets.count)
        #expect(zip(inputs.storage, expectedInputs).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        #expect(zip(targets.storage, expectedTargets).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        #expect(RolloutPairs.raw(model: model, data: data, horizon: 7, offset: 6).inputs.rows == 0, "a start at step 6 has no next pair")
    }
}
