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

    /// `steps` scripted steps of `environment` from the episode with `seed`: the start state, the actions and the states.
    func drive(steps: Int, seed: UInt64) -> (start: [Float], actions: [[Float]], states: [[Float]]) {
        var observation = environment.reset(seed: seed).observation
        var policy = ScriptedPolicy()
        policy.reset(for: environment, rng: RandomStream(seed: 5))
        let start = observation.state
        var actions = [[Float]](), states = [[Float]]()
        for _ in 0..<steps {
            let action = policy.action(for: observation, in: environment)
            observation = environment.step(action).observation
            actions.append(action)
            states.append(observation.state)
        }
        return (start, actions, states)
    }

    @Test func dreamingStepByStepEqualsOneRolloutOverTheSameActions() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let (start, actions, states) = drive(steps: 12, seed: 2)
        var dream = try DreamSession(run: run, environment: environment, state: start)
        var dreamed = [[Float]]()
        for (action, reality) in zip(actions, states) {
            dream.advance(action: action, reality: reality)
            dreamed.append(dream.state)
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
        let (start, actions, states) = drive(steps: 10, seed: 4)
        var dream = try DreamSession(run: run, environment: environment, state: start)
        for (action, reality) in zip(actions, states) { dream.advance(action: action, reality: reality) }
        // By hand: the objects' (not the pusher's) distance between dreamed and real positions, averaged.
        let labels = environment.stateLabels
        let objects = environment.bodies.filter { $0.role == .object }.map(\.name)
        #expect(!objects.isEmpty)
        let real = states.last!
        let expected = objects.map { name -> Double in
            let x = labels.firstIndex(of: "\(name).x")!, y = labels.firstIndex(of: "\(name).y")!
            let dx = Double(dream.state[x]) - Double(real[x]), dy = Double(dream.state[y]) - Double(real[y])
            return (dx * dx + dy * dy).squareRoot()
        }.reduce(0, +) / Double(objects.count)
        #expect(expected > 0)
        #expect(abs(dream.divergences.last! - expected) < 1e-12)

        dream.sync(to: real)
        #expect(dream.state == real && dream.stepsSinceSync == 0 && dream.divergences.isEmpty)
        #expect(dream.divergence(from: real) == 0)
    }

    @Test func theSessionDreamsEveryRealStepAndResyncsAtEachEpisode() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let session = try ViewerSession(spec: environment.spec, policy: ScriptedPolicy(), seed: 1, model: nil, horizon: 10)
        session.dream = try DreamSession(run: run, environment: session.environment, state: session.observation.state)
        for _ in 0..<30 { session.advance(realSeconds: 1.0 / 60, steering: .zero) }
        let dream = try #require(session.dream)
        #expect(session.environment.stepCount > 0 && dream.stepsSinceSync == session.environment.stepCount)
        #expect(dream.state != session.observation.state)
        session.reset()
        #expect(session.dream?.state == session.observation.state && session.dream?.stepsSinceSync == 0)
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
