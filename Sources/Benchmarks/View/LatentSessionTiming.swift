#if Viewer
import Foundation
import Simulation
import Viewer
import WorldModel

/// Times viewer frames whose overlay is a pixel run's latent model (`view --model RUN --ghosts latent --show masks`):
/// the session's steps with the camera rendered, the overlay's encodings, latent rollouts and probe readings, what the model
/// sees (the slot masks tinted over the image), and drawing all of it.
enum LatentSessionTiming {
    struct Result: Sendable {
        /// Mean and worst CPU time of the frame loop's thread per frame for the session's work and what the model sees (ms).
        var sessionMilliseconds: Double
        var worstSessionMilliseconds: Double
        /// Mean CPU time to draw the frame, the masks' inset included (ms).
        var drawMilliseconds: Double
        /// Frames that took a control step (and so made new predictions).
        var steppedFrames: Int
    }

    /// Runs `frames` frames (1/60 s each) of a scripted session on the world `run` was trained on, with `run`'s latent model
    /// as the overlay at `horizon` steps and the masks shown, on a `width`×`height` canvas.
    static func run(run: URL, frames: Int, horizon: Int, width: Int, height: Int) throws -> Result {
        let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
        let factory: PredictionSourceFactory = { environment in try LatentPredictionSource(run: run, environment: environment) }
        let session = try ViewerSession(spec: WorldSpec.named(models.record.data.world), policy: ScriptedPolicy(), seed: 1,
                                        model: factory, horizon: horizon, observesPixels: true)
        guard let source = session.predictor as? LatentPredictionSource else { preconditionFailure("the factory makes a latent source") }
        let renderer = try FrameRenderer.bundled()
        var canvas = Canvas(width: width, height: height)
        var work: UInt64 = 0, worst: UInt64 = 0, draw: UInt64 = 0, stepped = 0
        for _ in 0..<frames {
            let start = ViewerFrameTiming.threadCPUNanoseconds()
            session.advance(realSeconds: 1 / 60, steering: .zero)
            let scene = session.environment.scene()
            let tracked = session.trackedNames.compactMap { name in scene.bodies.firstIndex { $0.name == name } }
            let sight = source.sight(of: session.observation, bodyColors: tracked.map { scene.bodies[$0].color })
            let worked = ViewerFrameTiming.threadCPUNanoseconds()
            var content = FrameContent(scene: scene, trackedSceneIndices: tracked, forecast: session.tracker.forecast,
                                       check: session.tracker.check, layers: SceneLayers(lidar: true, contacts: true), targets: [],
                                       barLines: [[("bench", false)], [("model ", true), (source.name, false)]],
                                       errors: session.tracker.errors, infoLines: nil, showHelp: false)
            content.sight = sight
            renderer.draw(content, into: &canvas)
            draw += ViewerFrameTiming.threadCPUNanoseconds() - worked
            work += worked - start
            worst = max(worst, worked - start)
            if session.stepsLastAdvance > 0 { stepped += 1 }
        }
        let perFrame = { (nanoseconds: UInt64) in Double(nanoseconds) / 1e6 / Double(frames) }
        return Result(sessionMilliseconds: perFrame(work), worstSessionMilliseconds: Double(worst) / 1e6,
                      drawMilliseconds: perFrame(draw), steppedFrames: stepped)
    }
}
#endif
