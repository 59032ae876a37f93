#if Viewer
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// The dream: a trained run's state model advancing the world alone from reality's actions.
@Suite struct DreamSessionTests {
    let environment: Environment
    let run: URL

    init() throws {
        environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        run = try TinyRun.train(environment)
    }

    /// `steps` scripted steps of `environment` from the episode with `seed`: the start, the actions and the observations.
    static func drive(_ environment: Environment, steps: Int, seed: UInt64)
        -> (start: Observation, actions: [[Float]], observations: [Observation]) {
        var observation = environment.reset(seed: seed).observation
        var policy = ScriptedPolicy()
        policy.reset(for: environment, rng: RandomStream(seed: 5))
        let start = observation
        var actions = [[Float]](), observations = [Observation]()
        for _ in 0..<steps {
            let action = policy.action(for: observation, in: environment)
            observation = environment.step(action).observation
            actions.append(action)
            observations.append(observation)
        }
        return (start, actions, observations)
    }

    /// The state vector `dream` holds (a state model's dream).
    func dreamedState(_ dream: DreamSession?) throws -> [Float] { try #require(dream?.model as? StateDream).state }

    @Test func dreamingStepByStepEqualsOneRolloutOverTheSameActions() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let (first, actions, observations) = Self.drive(environment, steps: 12, seed: 2)
        let start = first.state, states = observations.map(\.state)
        var dream = try DreamSession(run: run, environment: environment, state: start)
        var dreamed = [[Float]]()
        for (action, reality) in zip(actions, observations) {
            dream.advance(action: action, reality: reality)
            dreamed.append(try dreamedState(dream))
        }
        let model = try PositionPredictor(run: run).model
        var rollout = Rollout(model: model)
        let trajectory = rollout.run(starts: Matrix(rows: 1, cols: start.count, elements: start),
                                     actions: Matrix(rows: actions.count, cols: actions[0].count, elements: actions.flatMap { $0 }))
        for (t, state) in dreamed.enumerated() { #expect(state == trajectory.row(t + 1), "step \(t + 1) differs") }
        #expect(dream.stepsSinceSync == 12 && dream.divergences.count == 12)
        // The dream is the model's own: it has drifted from reality.
        #expect(dreamed.last != states.last)
    }

    @Test func divergenceIsTheMeanBlockPositionErrorAndResyncClearsIt() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let (first, actions, observations) = Self.drive(environment, steps: 10, seed: 4)
        var dream = try DreamSession(run: run, environment: environment, state: first.state)
        for (action, reality) in zip(actions, observations) { dream.advance(action: action, reality: reality) }
        let state = try dreamedState(dream)
        // By hand: the objects' (not the pusher's) distance between dreamed and real positions, averaged.
        let labels = environment.stateLabels
        let objects = environment.bodies.filter { $0.role == .object }.map(\.name)
        #expect(!objects.isEmpty)
        let real = observations.last!.state
        let expected = objects.map { name -> Double in
            let x = labels.firstIndex(of: "\(name).x")!, y = labels.firstIndex(of: "\(name).y")!
            let dx = Double(state[x]) - Double(real[x]), dy = Double(state[y]) - Double(real[y])
            return (dx * dx + dy * dy).squareRoot()
        }.reduce(0, +) / Double(objects.count)
        #expect(expected > 0)
        #expect(abs(dream.divergences.last! - expected) < 1e-12)

        dream.sync(to: observations.last!)
        #expect(try dreamedState(dream) == real && dream.stepsSinceSync == 0 && dream.divergences.isEmpty)
        #expect(dream.divergence(from: real) == 0)
    }

    @Test func theSessionDreamsEveryRealStepAndResyncsAtEachEpisode() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let session = try ViewerSession(spec: environment.spec, policy: ScriptedPolicy(), seed: 1, model: nil, horizon: 10)
        session.dream = try DreamSession(run: run, environment: session.environment, state: session.observation.state)
        for _ in 0..<30 { session.advance(realSeconds: 1.0 / 60, steering: .zero) }
        let dream = try #require(session.dream)
        #expect(session.environment.stepCount > 0 && dream.stepsSinceSync == session.environment.stepCount)
        #expect(try dreamedState(dream) != session.observation.state)
        session.reset()
        #expect(try dreamedState(session.dream) == session.observation.state && session.dream?.stepsSinceSync == 0)
    }

    @Test func aRunOfAnotherWorldSaysWhatDoesNotFit() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let arm = try Environment(spec: WorldSpec.builtIn(named: "arm"), observations: ObservationSettings(kinds: [.state]))
        #expect { try DreamSession(run: run, environment: arm, state: arm.reset(seed: 0).observation.state) } throws: { error in
            "\(error)".contains(run.path) && "\(error)".contains("arm")
        }
    }
}
#endif
