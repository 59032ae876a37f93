import Foundation
import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// Curious collection: ensemble disagreement on a hand-built ensemble, and the policy in a real world.
@Suite struct CuriousPolicyTests {
    /// Two linear members on a 2-wide state and a 1-wide action: one predicts no change, the other moves the
    /// first entry by the action, so they disagree by the action's square and agree when it is zero.
    static func disputedEnsemble() -> ForwardModel {
        var config = WorldModelConfig()
        config.forwardHidden = []
        config.forwardEnsembleSize = 2
        var model = ForwardModel(rule: .bp, config: config, inputNormalizer: Normalizer(identity: 3),
                                 targetNormalizer: Normalizer(identity: 2), seed: 1)
        let size = model.members[0].parameters.count
        var moving = [Float](repeating: 0, count: size)
        moving[2] = 1  // weight [out 0, in 2]: Δx0 = a
        model.parameters = [Float](repeating: 0, count: size) + moving
        return model
    }

    @Test func theMostDisputedCandidateIsTheOneTheMembersDisagreeOnMost() {
        var disagreement = EnsembleDisagreement(model: Self.disputedEnsemble(), columns: [0, 1])
        // Four candidates over two steps: row h * 4 + n is candidate n's action at step h.
        let candidates = Matrix(rows: 8, cols: 1, elements: [0.2, -0.9, 0.5, 0, 0.2, 0.1, 0.5, 0])
        let scores = disagreement.scores(from: [0.3, -0.1], candidates: candidates, count: 4)
        // Member outputs differ by the cumulative action; the variance of two values is a quarter of their difference squared.
        let expected = [[0.2, 0.4], [-0.9, -0.8], [0.5, 1.0], [0.0, 0.0]].map { $0.reduce(0) { $0 + $1 * $1 / 4 } }
        for (score, value) in zip(scores, expected) { #expect(abs(score - value) < 1e-6) }
        #expect(disagreement.mostDisputed(from: [0.3, -0.1], candidates: candidates, count: 4) == 1)
        var ignoringTheMovedEntry = EnsembleDisagreement(model: Self.disputedEnsemble(), columns: [1])
        #expect(ignoringTheMovedEntry.scores(from: [0.3, -0.1], candidates: candidates, count: 4) == [0, 0, 0, 0])
    }

    @Test func thePolicyActsRandomlyUntilAnEnsembleIsPublishedThenHoldsItsChoicesInTheActionBox() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        let observation = environment.reset(seed: 3).observation
        let board = PublishedModel()
        var curious = CuriousPolicy(board: board, candidates: 8), random = RandomPolicy()
        curious.reset(for: environment, rng: RandomStream(seed: 4))
        random.reset(for: environment, rng: RandomStream(seed: 4).split(0))
        #expect(curious.action(for: observation, in: environment) == random.action(for: observation, in: environment))
        let data = DataSignature(environment: environment)
        var config = WorldModelConfig()
        config.forwardHidden = [16]
        config.forwardEnsembleSize = 3
        var settings = OnlineLearnerSettings(rule: .bp)
        settings.warmUp = 10
        var learner = try OnlineLearner(config: config, data: data, settings: settings)
        var latest = observation
        for _ in 0..<10 {
            let action = random.action(for: latest, in: environment)
            let next = environment.step(action).observation
            learner.observe(Transition(state: latest.state, action: action, next: next.state))
            latest = next
        }
        // Published mid-episode: the policy takes it up at its next choice, without a reset.
        board.publish(try #require(learner.model))
        let space = environment.actionSpace
        var actions: [[Float]] = []
        for _ in 0..<10 {
            let action = curious.action(for: latest, in: environment)
            #expect(action.indices.allSatisfy { action[$0] >= space.low[$0] && action[$0] <= space.high[$0] })
            actions.append(action)
            latest = environment.step(action).observation
        }
        // Each chosen action is held `hold` (5) steps, then a new choice is made.
        #expect(Set(actions[0..<5]).count == 1 && Set(actions[5..<10]).count == 1 && actions[0] != actions[5])
    }
}
