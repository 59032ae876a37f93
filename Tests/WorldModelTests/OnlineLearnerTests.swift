import Foundation
import Testing
import TensorCore
import TestSupport
@testable import WorldModel

/// Online learning: the replay buffer, the non-blocking hand-off, updates equal to the offline trainer's, saved runs.
@Suite struct OnlineLearnerTests {
    /// The transitions of `SyntheticWorld` episodes, episode after episode.
    static func stream(episodes: Int, steps: Int = 10, seed: UInt64 = 3) -> [Transition] {
        let data = SyntheticWorld.data(episodes: episodes, steps: steps, seed: seed)
        return (0..<episodes).flatMap { e in
            (0..<steps).map { t in
                Transition(state: data.states.row(e * (steps + 1) + t), action: data.actions.row(e * steps + t),
                           next: data.states.row(e * (steps + 1) + t + 1))
            }
        }
    }

    static func config(ensemble: Int = 1) -> WorldModelConfig {
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        config.forwardEnsembleSize = ensemble
        config.pcInferenceSteps = 4
        config.seed = 7
        return config
    }

    static func settings(rule: ForwardRule, warmUp: Int = 40) -> OnlineLearnerSettings {
        var settings = OnlineLearnerSettings(rule: rule)
        settings.warmUp = warmUp
        settings.batchSize = 8
        return settings
    }

    @Test func theReplayBufferOverwritesItsOldestTransitionWhenFull() {
        var buffer = ReplayBuffer(capacity: 3, stateSize: 1, actionSize: 1)
        for i in 0..<5 { buffer.append(Transition(state: [Float(i)], action: [Float(10 + i)], next: [Float(20 + i)])) }
        #expect(buffer.count == 3 && buffer.appended == 5)
        let (states, actions, next) = buffer.all
        #expect(states.storage == [3, 4, 2] && actions.storage == [13, 14, 12] && next.storage == [23, 24, 22])
    }

    @Test func theQueueNeverWaitsForItsConsumerAndKeepsTheNewestTransitions() {
        let queue = TransitionQueue(capacity: 16)
        for i in 0..<10_000 { queue.push(Transition(state: [Float(i)], action: [0], next: [0])) }
        #expect(queue.dropped == 10_000 - 16)
        let newest: [Float] = (9_984..<10_000).map { Float($0) }
        let drained: [Float] = queue.drain().map { $0.state[0] }
        #expect(drained == newest)
        #expect(queue.drain().isEmpty)
        queue.push(Transition(state: [1], action: [2], next: [3]))
        #expect(queue.drain() == [Transition(state: [1], action: [2], next: [3])])
    }

    @Test func aBodyThatRestedThroughTheWarmUpGetsAScaleFromTheOtherBodies() {
        // Two bodies of two fields: body 1's first field never changed in the window.
        var scales = Normalizer(mean: [0, 0, 0, 0], std: [0.4, 2, 1e-6, 0.5])
        OnlineLearner.floorPerBodyScales(&scales, pooled: Normalizer(mean: [0, 0], std: [1, 3]))
        #expect(scales.std == [0.4, 2, 0.1, 0.5])
        #expect(scales.mean == [0, 0, 0, 0])
    }

    @Test(arguments: ForwardRule.allCases)
    func onlineUpdatesEqualOfflineUpdatesOnTheSameBatches(rule: ForwardRule) throws {
        let transitions = Self.stream(episodes: 12)
        let data = SyntheticWorld.signature(side: 16)
        var learner = try OnlineLearner(config: Self.config(ensemble: 2), data: data, settings: Self.settings(rule: rule))
        var rng = RandomStream(seed: 11), replay = rng
        var initial: ForwardModel?
        var rounds: [(held: Int, steps: Int)] = []
        for (index, transition) in transitions.enumerated() {
            learner.observe(transition)
            if initial == nil, let model = learner.model { initial = model }
            if index % 10 == 9, learner.isLearning {
                _ = try learner.train(steps: 3, rng: &rng)
                rounds.append((learner.buffer.count, 3))
            }
        }
        var offline = try #require(initial)
        #expect(rounds.count > 5 && learner.updates == rounds.count * 3)
        let states = Matrix.stacked(transitions.map { Matrix(rows: 1, cols: 4, elements: $0.state) })
        let actions = Matrix.stacked(transitions.map { Matrix(rows: 1, cols: 2, elements: $0.action) })
        let next = Matrix.stacked(transitions.map { Matrix(rows: 1, cols: 4, elements: $0.next) })
        var inputs = offline.inputs(states, actions: actions), targets = offline.targets(from: states, to: next)
        offline.inputNormalizer.apply(&inputs)
        offline.standardizeTargets(&targets)
        let bodies = offline.layout?.bodyCount ?? 1
        let order = rounds.flatMap { round in
            (0..<round.steps).flatMap { _ in
                OnlineLearner.batch(from: round.held, size: 8, rng: &replay).flatMap { ($0 * bodies)..<(($0 + 1) * bodies) }
            }
        }
        var training = ForwardTraining(for: offline, learningRate: Self.config().forwardLearningRate)
        _ = try training.trainEpoch(&offline, inputs: inputs, targets: targets, order: order, batchSize: 8 * bodies)
        #expect(offline.parameters == learner.model!.parameters)
        #expect(training.optimizerState == learner.training!.optimizerState)
        #expect(offline.parameters != initial!.parameters)
    }

    @Test(arguments: ForwardRule.allCases)
    func aSavedOnlineModelReloadsAndPredictsIdentically(rule: ForwardRule) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var learner = try OnlineLearner(config: Self.config(), data: SyntheticWorld.signature(side: 16),
                                        settings: Self.settings(rule: rule))
        #expect(throws: RunError.self) { try learner.save(to: directory.file("early")) }
        var rng = RandomStream(seed: 2)
        for transition in Self.stream(episodes: 8) {
            learner.observe(transition)
            _ = try learner.train(steps: 1, rng: &rng)
        }
        let run = directory.file("online")
        try learner.save(to: run)
        var predictor = try PositionPredictor(run: run, prefer: rule)
        #expect(predictor.modelID == learner.modelID)
        #expect(predictor.model.parameters == learner.model!.parameters)
        let state: [Float] = [0.1, -0.2, 0.15, -0.1], plan: [[Float]] = [[0.5, 0.5], [0.3, -1], [1, 0]]
        var rollout = Rollout(model: learner.model!)
        let start = Matrix(rows: 1, cols: 4, elements: state)
        let actions = Matrix(rows: 3, cols: 2, elements: plan.flatMap { $0 })
        let expected = rollout.run(starts: start, actions: actions)
        let positions = predictor.predictPositions(state: state, actions: plan)
        for k in 1...3 {
            #expect(positions[k - 1].map { Float($0.x) } == [expected[k, 0], expected[k, 2]])
            #expect(positions[k - 1].map { Float($0.y) } == [expected[k, 1], expected[k, 3]])
        }
        let resumed = try OnlineLearner(run: run, data: SyntheticWorld.signature(side: 16), settings: Self.settings(rule: rule))
        #expect(resumed.model!.parameters == learner.model!.parameters)
        #expect(resumed.training!.optimizerState == learner.training!.optimizerState)
    }

    @Test func theLearnerThreadTrainsOnPushedTransitionsAndPublishesSnapshots() throws {
        let learner = try OnlineLearner(config: Self.config(), data: SyntheticWorld.signature(side: 16),
                                        settings: Self.settings(rule: .pc, warmUp: 20))
        let thread = LearnerThread(learner: learner, seed: 1, queueCapacity: 64, updatesPerTransition: 2)
        #expect(thread.published.current.version == 0)
        for transition in Self.stream(episodes: 6) { thread.queue.push(transition) }
        let deadline = Date().addingTimeInterval(30)
        while thread.progress.updates < 40 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        thread.stop()
        let progress = thread.progress
        #expect(progress.transitions + progress.dropped == 60 && progress.updates >= 40)
        #expect(!progress.losses.isEmpty && progress.losses.allSatisfy(\.isFinite))
        #expect(thread.published.current.version >= 2)
        #expect(thread.published.current.model != nil)
    }
}
