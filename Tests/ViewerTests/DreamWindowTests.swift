#if Viewer
import Foundation
import Simulation
import Testing
import TestSupport
@testable import Viewer
import WorldModel

extension WindowTests {
    /// The real viewer with `--dream`: reality on the left, the dream drawn by the same renderer on the right.
    @Suite final class DreamWindowTests {
        let folder: URL
        let restoreEnvironment = WindowTests.useOffscreenDriver()

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dream-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
            restoreEnvironment()
        }

        @Test func dreamPaneShowsTheDreamedBodiesInTheRightHalf() throws {
            let spec = try WorldSpec.builtIn(named: "push")
            let run = try TinyRun.train(Environment(spec: spec, observations: ObservationSettings(kinds: [.state])))
            defer { try? FileManager.default.removeItem(at: run) }
            var options = ViewerOptions(spec: spec)
            options.frames = 60
            options.width = 1280
            options.dream = { environment, first in try DreamSession(run: run, environment: environment, state: first.state) }
            options.showDream = true
            options.screenshot = folder.appendingPathComponent("dream.png")
            _ = try ViewerApp.run(options)
            let png = try StoredPNG(contentsOf: options.screenshot!)
            let frame = try JSONDecoder().decode(FrameDescription.self, from: Data(contentsOf: FrameDescription.sidecarURL(for: options.screenshot!)))
            let dreamed = try #require(frame.dreamBodies)
            #expect(dreamed.map(\.name) == frame.bodies.map(\.name))
            for (real, dream) in zip(frame.bodies, dreamed) {
                #expect(real.pixel[0] < 640 && dream.pixel[0] > 640, "\(real.name) not in its pane")
                // The dream is drawn like reality: the body's own colour at its projected centre.
                let colour = try #require(RGB(hex: dream.color))
                #expect(png[Int(dream.pixel[0]), Int(dream.pixel[1])].distance(to: colour) <= 2, "\(dream.name) not drawn in the dream")
            }
            // The model's dream is not reality: after a second, some body sits elsewhere in its pane.
            let offsets = zip(frame.bodies, dreamed).map { SIMD2($0.1.pixel[0] - $0.0.pixel[0] - 640, $0.1.pixel[1] - $0.0.pixel[1]) }
            #expect(offsets.contains { ($0 * $0).sum() > 1 })
        }

        @Test func aPixelRunDreamsInItsLatentSpaceBesideReality() throws {
            let spec = try WorldSpec.builtIn(named: "push")
            // The camera at the world's own size, as the viewer renders it.
            let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state, .pixels],
                                                                                            pixelSize: spec.observation.pixelSize))
            let run = try TinyRun.train(environment, pixels: .keypoints)
            defer { try? FileManager.default.removeItem(at: run) }
            let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
            let train = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8, pooling: models.record.config.pixelPooling)
            let predictor = try LatentPositionPredictor(models: models, train: train, path: run.path)
            var options = ViewerOptions(spec: spec)
            options.frames = 30
            options.width = 1280
            options.modelReadsPixels = true
            options.dream = { environment, first in
                try DreamSession(predictor: predictor, run: run, environment: environment, observation: first)
            }
            options.showDream = true
            options.screenshot = folder.appendingPathComponent("latent-dream.png")
            _ = try ViewerApp.run(options)
            let frame = try JSONDecoder().decode(FrameDescription.self, from: Data(contentsOf: FrameDescription.sidecarURL(for: options.screenshot!)))
            let dreamed = try #require(frame.dreamBodies)
            #expect(dreamed.map(\.name) == frame.bodies.map(\.name))
            #expect(dreamed.allSatisfy { $0.pixel[0] > 640 }, "the dreamed bodies are drawn in the right pane")
        }
    }
}
#endif
