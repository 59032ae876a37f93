#if Viewer
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// A pixel run's own latent model in the viewer: camera image → encoder → latent rollout → position probe.
@Suite struct LatentPredictionSourceTests {
    static func pushWithCamera() throws -> Environment {
        try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state, .pixels], pixelSize: 32))
    }

    @Test(arguments: [PixelEncoderKind.slots, .keypoints])
    func atStepZeroTheSourceReadsTheTrueEncodingThroughTheProbe(encoder kind: PixelEncoderKind) throws {
        let environment = try Self.pushWithCamera()
        let run = try TinyRun.train(environment, pixels: kind)
        defer { try? FileManager.default.removeItem(at: run) }
        let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
        let train = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8, pooling: models.record.config.pixelPooling)
        var predictor = try LatentPositionPredictor(models: models, train: train, path: run.path)
        #expect(predictor.modelID == ForwardModelID(space: .latent, rule: .pc))
        #expect(predictor.probe.slotProbes.isEmpty == (kind == .keypoints))

        // Episode 2's first frame, rendered again by the environment (raw, unpooled): what the viewer hands over.
        let observation = environment.reset(seed: 2).observation
        let frame = train.frame(episode: 2, step: 0)
        let actions = [train.actions.row(train.transition(episode: 2, step: 0)), train.actions.row(train.transition(episode: 2, step: 1))]
        let predicted = predictor.predictPositions(pixels: try #require(observation.pixels), actions: actions)
        let truth = predictor.probe.predict(models.contrastive.encoder.encode(train, frames: [frame]))
        #expect(predicted.count == 3)
        #expect(predicted[0] == (0..<environment.bodies.count).map { SIMD2(Double(truth[0, 2 * $0]), Double(truth[0, 2 * $0 + 1])) })
        #expect(predicted[2] != predicted[0] && predicted[2].allSatisfy { $0.x.isFinite && $0.y.isFinite })

        // The viewer's source: the steps after k = 0, in the world's body order (push's is the run's).
        let source = try LatentPredictionSource(predictor: predictor, path: run.path, environment: environment)
        #expect(source.name.hasSuffix(" latent.pc+probe"))
        #expect(source.predictPositions(from: observation, actions: actions) == Array(predicted.dropFirst()))
        let colors = environment.bodies.indices.map { RGB(UInt8(10 * $0), 0, 0) }
        let sight = source.sight(of: observation, bodyColors: colors)
        #expect((sight != nil) == (kind == .slots))
        #expect(sight.map { $0.side == 16 && $0.image.count == 16 * 16 * 3 } ?? true)
    }

    @Test func aStateRunOrAWorldWithoutTheCameraIsRefusedByFileAndField() throws {
        let environment = try Self.pushWithCamera()
        let stateRun = try TinyRun.train(environment)
        defer { try? FileManager.default.removeItem(at: stateRun) }
        let stateModels = try RunModels(contentsOf: RunCheckpointFile.best.url(in: stateRun))
        let data = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8)
        #expect(throws: RunError.mismatch(path: stateRun.path, field: "config.input", expected: "pixels (a run trained with --input pixels)",
                                          found: "state")) {
            try LatentPositionPredictor(models: stateModels, train: data, path: stateRun.path)
        }

        let pixelRun = try TinyRun.train(environment, pixels: .slots)
        defer { try? FileManager.default.removeItem(at: pixelRun) }
        let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: pixelRun))
        let train = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8, pooling: 2)
        let predictor = try LatentPositionPredictor(models: models, train: train, path: pixelRun.path)
        let blind = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        #expect { try LatentPredictionSource(predictor: predictor, path: pixelRun.path, environment: blind) } throws: { error in
            "\(error)".contains(pixelRun.path) && "\(error)".contains("observations.pixels")
        }
        let larger = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state, .pixels]))
        #expect { try LatentPredictionSource(predictor: predictor, path: pixelRun.path, environment: larger) } throws: { error in
            "\(error)".contains(pixelRun.path) && "\(error)".contains("observations.pixels.shape")
        }
    }
}
#endif
