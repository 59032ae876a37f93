#if Viewer
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// A world model trained for real (tiny, state input) on push rollouts, loaded as the overlay's predictor.
@Suite struct RunPredictionSourceTests {
    /// `episodes` scripted episodes of `steps` steps of `environment`'s world as world-model training data (with its camera
    /// images pooled by `pooling` when it renders them).
    static func rollouts(_ environment: Environment, episodes: Int, steps: Int, pooling: Int = 1) -> EpisodeData {
        var states = Matrix(rows: episodes * (steps + 1), cols: environment.stateLabels.count)
        var actions = Matrix(rows: episodes * steps, cols: environment.actionSpace.low.count)
        var pixels = [UInt8]()
        for e in 0..<episodes {
            var observation = environment.reset(seed: UInt64(e)).observation
            var policy = ScriptedPolicy()
            policy.reset(for: environment, rng: RandomStream(seed: 11).split(e))
            for t in 0...steps {
                for (c, value) in observation.state.enumerated() { states[e * (steps + 1) + t, c] = value }
                pixels += observation.pixels ?? []
                guard t < steps else { break }
                let action = policy.action(for: observation, in: environment)
                for (c, value) in action.enumerated() { actions[e * steps + t, c] = value }
                observation = environment.step(action).observation
            }
        }
        let side = environment.observationSpaces[.pixels]?.shape.first ?? 0
        return EpisodeData(episodeCount: episodes, steps: steps, states: states, actions: actions,
                           rawPixels: pixels.isEmpty ? nil : pixels, pixelSide: side, pooling: pooling, bodies: bodyColumns(environment))
    }

    static func bodyColumns(_ environment: Environment) -> [EpisodeData.BodyPositionColumns] {
        environment.bodies.map { body in
            EpisodeData.BodyPositionColumns(name: body.name, isObject: body.role == .object,
                                            xColumn: environment.stateLabels.firstIndex(of: "\(body.name).x")!,
                                            yColumn: environment.stateLabels.firstIndex(of: "\(body.name).y")!)
        }
    }

    @Test func trainedRunPredictsTheViewedWorldsBodies() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        #expect(DataSignature(environment: environment).bodies == Self.bodyColumns(environment))
        let run = try TinyRun.train(environment, episodes: 6, steps: 8)
        defer { try? FileManager.default.removeItem(at: run) }
        let data = Self.rollouts(environment, episodes: 6, steps: 8)

        let source = try RunPredictionSource(run: run, environment: environment)
        #expect(source.name.hasSuffix("state.pc"))
        let state = data.states.row(3), actions: [[Float]] = [data.actions.row(3), data.actions.row(4)]
        let predicted = source.predictPositions(from: Observation(state: state, pixels: nil, lidar: nil), actions: actions)
        // The same rollout straight from the forward model, positions read by label.
        var predictor = try PositionPredictor(run: run)
        let reference = predictor.predictPositions(state: state, actions: actions)
        #expect(predicted.count == 2 && predicted.allSatisfy { $0.count == environment.bodies.count })
        for (mine, theirs) in zip(predicted, reference) { #expect(mine == theirs) }
        #expect(predicted[1].allSatisfy { $0.x.isFinite && $0.y.isFinite })

        // Another world: the run says what does not fit.
        let arm = try Environment(spec: WorldSpec.builtIn(named: "arm"), observations: ObservationSettings(kinds: [.state]))
        #expect { try RunPredictionSource(run: run, environment: arm) } throws: { error in
            "\(error)".contains(run.path) && "\(error)".contains("arm")
        }
    }
}
#endif
