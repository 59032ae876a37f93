#if Viewer
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// A pixel run's dream in its own latent space: the camera image encoded at each sync, the latent model stepped alone.
@Suite struct LatentDreamTests {
    let environment: Environment
    let run: URL
    let predictor: LatentPositionPredictor

    init() throws {
        environment = try LatentPredictionSourceTests.pushWithCamera()
        run = try TinyRun.train(environment, pixels: .slots)
        let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
        let train = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8, pooling: models.record.config.pixelPooling)
        predictor = try LatentPositionPredictor(models: models, train: train, path: run.path)
    }

    @Test func dreamingStepByStepEqualsOneLatentRolloutReadThroughTheProbe() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let (first, actions, observations) = DreamSessionTests.drive(environment, steps: 8, seed: 2)
        var dream = try DreamSession(predictor: predictor, run: run, environment: environment, observation: first)
        #expect(dream.name.hasSuffix(" latent.pc+probe") && dream.note != nil)
        var reference = predictor
        let expected = reference.predictPositions(pixels: try #require(first.pixels), actions: actions)
        let layout = try StateReadout(labels: environment.stateLabels, bodyNames: environment.bodies.map(\.name), purpose: "test")
        let headings = layout.poses(in: first.state).map(\.angle)
        #expect(dream.poses.map(\.position) == expected[0])
        for (t, (action, reality)) in zip(actions, observations).enumerated() {
            dream.advance(action: action, reality: reality)
            #expect(dream.poses.map(\.position) == expected[t + 1], "step \(t + 1) differs")
            #expect(dream.poses.map(\.angle) == headings, "the probe reads no headings: they stay as synced")
        }
        #expect(dream.stepsSinceSync == actions.count && dream.divergences.count == actions.count)

        // The divergence is the objects' mean distance between the probe's reading of the dream and reality.
        let objects = environment.bodies.indices.filter { environment.bodies[$0].role == .object }
        let real = layout.poses(in: observations.last!.state)
        let byHand = objects.map { b in
            let d = dream.poses[b].position - real[b].position
            return (d * d).sum().squareRoot()
        }.reduce(0, +) / Double(objects.count)
        #expect(abs(dream.divergences.last! - byHand) < 1e-12)

        // Re-synced, the dream is the encoding of reality's image now, with its headings.
        dream.sync(to: observations.last!)
        #expect(dream.poses.map(\.position) == reference.predictPositions(pixels: try #require(observations.last!.pixels), actions: [])[0])
        #expect(dream.poses.map(\.angle) == real.map(\.angle) && dream.stepsSinceSync == 0 && dream.divergences.isEmpty)
    }

    @Test func aWorldWithoutTheCameraIsRefusedNamingTheRunAndTheField() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let blind = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        #expect {
            try DreamSession(predictor: predictor, run: run, environment: blind, observation: blind.reset(seed: 0).observation)
        } throws: { error in
            "\(error)".contains(run.path) && "\(error)".contains("observations.pixels")
        }
    }
}
#endif
