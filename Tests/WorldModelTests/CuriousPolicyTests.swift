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

    @Test func disagreementIsMeasuredOnTheBlocksPositionsNotThePushers() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        let data = DataSignature(environment: environment)
        let pusher = try #require(data.bodies.first { !$0.isObject })
        let blocks = data.bodies.filter(\.isObject)
        #expect(blocks.count == 5)
        let columns = CuriousPolicy.disputedColumns(in: data)
        #expect(columns == blocks.flatMap { [$0.xColumn, $0.yColumn] })
        #expect(!columns.contains(pusher.xColumn) && !columns.contains(pusher.yColumn))
    }

    /// A learner whose model (an ensemble of three) exists after 10 random transitions of `environment` from `observation`.
    static func learnedEnsemble(in environment: Environment, from observation: Observation) throws -> (ForwardModel, Observation) {
        var config = WorldModelConfig()
        config.forwardHidden = [16]
        config.forwardEnsembleSize = 3
        var settings = OnlineLearnerSettings(rule: .bp)
        settings.warmUp = 10
        var learner = try OnlineLearner(config: config, data: DataSignature(environment: environment), settings: settings)
        var random = RandomPolicy(), latest = observation
        random.reset(for: environment, rng: RandomStream(seed: 8))
        for _ in 0..<10 {
            let action = random.action(for: latest, in: environment)
            let next = environment.step(action).observation
            learner.observe(Transition(state: latest.state, action: action, next: next.state))
            latest = next
        }
        return (try #require(learner.model), latest)
    }

    @Test func thePolicyActsRandomlyUntilAnEnsembleIsPublishedThenChoosesInTheActionBox() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        let observation = environment.reset(seed: 3).observation
        let board = PublishedModel()
        var curious = CuriousPolicy(board: board, candidates: 8), random = RandomPolicy()
        curious.reset(for: environment, rng: RandomStream(seed: 4))
        random.reset(for: environment, rng: RandomStream(seed: 4).split(0))
        #expect(curious.action(for: observation, in: environment) == random.action(for: observation, in: environment))
        let (model, observed) = try Self.learnedEnsemble(in: environment, from: observation)
        var latest = observed
        #expect(model.ensembleSize == 3)
        // Published mid-episode: the policy takes it up at its next choice, without a reset.
        board.publish(model)
        let space = environment.actionSpace
        for _ in 0..<10 {
            let action = curious.action(for: latest, in: environment)
            #expect(action.indices.allSatisfy { action[$0] >= space.low[$0] && action[$0] <= space.high[$0] })
            latest = environment.step(action).observation
        }
    }

    @Test func withOneCandidateThePolicyFollowsTheRandomPolicysProcessUnselected() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        let observation = environment.reset(seed: 5).observation
        let board = PublishedModel()
        let (model, latest) = try Self.learnedEnsemble(in: environment, from: observation)
        board.publish(model)
        var curious = CuriousPolicy(board: board, candidates: 1, horizon: 5, executed: 5)
        curious.reset(for: environment, rng: RandomStream(seed: 6))
        // The candidates are futures of an Ornstein–Uhlenbeck process drawn from the policy's stream 1; the only one is
        // always chosen and the process continues from its end, so the actions are the process's own.
        var stream = RandomStream(seed: 6).split(1)
        var process = OrnsteinUhlenbeckProcess(theta: RandomPolicy().theta, sigma: RandomPolicy().sigma)
        process.start(low: environment.actionSpace.low, high: environment.actionSpace.high, rng: &stream)
        for _ in 0..<15 { #expect(curious.action(for: latest, in: environment) == process.step(rng: &stream)) }
    }
}
