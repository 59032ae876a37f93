import Foundation
import Learning
import ModelTestSupport
import Testing
import TensorCore
@testable import WorldModel

/// The batched rollout: exact on a hand-set model, equal to step-by-step prediction, buffers reused.
@Suite struct RolloutTests {
    @Test func aHandSetModelIntegratesItsActionsExactly() {
        var rollout = Rollout(model: integratorForwardModel(size: 2))
        let starts = Matrix([[0, 0], [1, -1], [0.5, 2]])
        // H = 3 steps for N = 3 starts: row h * 3 + n.
        let actions = Matrix((0..<9).map { row in [Float(row % 3) * 0.25, Float(row / 3)] })
        let states = rollout.run(starts: starts, actions: actions)
        #expect(states.rows == 12 && states.cols == 2)
        for n in 0..<3 {
            var expected = starts.row(n)
            #expect(states.row(n) == expected)
            for h in 0..<3 {
                expected[0] += Float(n) * 0.25
                expected[1] += Float(h)
                #expect(states.row((h + 1) * 3 + n) == expected, "start \(n) after \(h + 1) steps")
            }
        }
    }

    @Test(arguments: [StateFrame.world, .body])
    func theBatchedRolloutEqualsOneStartAtATime(frame: StateFrame) throws {
        let bodies = ["pusher", "box", "disc"].enumerated().map { index, name in
            EpisodeData.BodyPositionColumns(name: name, isObject: index > 0, xColumn: 7 * index, yColumn: 7 * index + 1)
        }
        let layout = try #require(BodyLayout(labels: BodyFrameTests.labels, bodies: bodies, frame: frame, pointAction: true))
        var rng = RandomStream(seed: 3)
        let starts = BodyFrameTests.states(5, rng: &rng), actions = Matrix.normal(rows: 4 * 5, cols: 2, rng: &rng)
        var config = WorldModelConfig()
        config.forwardHidden = [16]
        config.forwardEnsembleSize = 2
        let inputs = layout.inputs(states: starts, actions: actions.rows(0..<5))
        let model = ForwardModel(rule: .bp, config: config, inputNormalizer: Normalizer(fitting: inputs),
                                 targetNormalizer: Normalizer(identity: 3 * layout.targetSize), layout: layout, seed: 4)
        var rollout = Rollout(model: model)
        let batched = rollout.run(starts: starts, actions: actions)
        for n in 0..<5 {
            var state = starts.rows(n..<(n + 1))
            for h in 0..<4 {
                state = model.predictNext(state, actions: actions.rows((h * 5 + n)..<(h * 5 + n + 1)))
                for (mine, single) in zip(batched.row((h + 1) * 5 + n), state.row(0)) {
                    let tolerance: Float = 1e-5 * max(1, abs(single))
                    #expect(abs(mine - single) <= tolerance, "start \(n), step \(h + 1)")
                }
            }
        }
    }

    @Test func aSecondRunReusesTheBuffers() {
        var rollout = Rollout(model: integratorForwardModel(size: 3))
        var rng = RandomStream(seed: 5)
        let starts = Matrix.normal(rows: 8, cols: 3, rng: &rng), actions = Matrix.normal(rows: 40, cols: 3, rng: &rng)
        var states = Matrix(rows: 0, cols: 0)
        rollout.run(starts: starts, actions: actions, into: &states)
        let address = states.storage.withUnsafeBufferPointer { $0.baseAddress }
        rollout.run(starts: starts, actions: actions, into: &states)
        #expect(states.storage.withUnsafeBufferPointer { $0.baseAddress } == address)
        var fresh = Rollout(model: integratorForwardModel(size: 3))
        #expect(states == fresh.run(starts: starts, actions: actions))
    }

    @Test func nothingMovesRepeatsTheStarts() {
        var rollout = Rollout(model: NothingMoves())
        let starts = Matrix([[1, 2], [3, 4]])
        let states = rollout.run(starts: starts, actions: Matrix(rows: 6, cols: 1))
        for h in 0...3 { #expect(states.rows((2 * h)..<(2 * h + 2)) == starts) }
    }

    @Test func theLatentTransitionAddsItsOutputToTheLatent() throws {
        var config = WorldModelConfig()
        config.input = .state
        config.latentSize = 4
        let model = ContrastiveModel(config: config, stateNormalizer: Normalizer(identity: 6), frameSide: 0, actionSize: 2)
        var rng = RandomStream(seed: 6)
        let z = Matrix.normal(rows: 3, cols: 4, rng: &rng), a = Matrix.normal(rows: 3, cols: 2, rng: &rng)
        var rollout = Rollout(model: LatentTransition(model))
        let states = rollout.run(starts: z, actions: a)
        let transition = try #require(model.transition as? MLP)
        var workspace = MLPWorkspace(for: transition)
        var expected = transition.forward(Matrix.columns(z, a), workspace: &workspace)
        expected.add(z)
        #expect(states.rows(3..<6) == expected)
    }
}
