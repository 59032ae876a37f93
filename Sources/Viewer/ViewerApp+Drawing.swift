#if Viewer
import Foundation
import Simulation

extension ViewerApp {
    /// Draws one frame into the canvas (sized to the window) and describes what it shows.
    func drawFrame() -> FrameDescription {
        let size = window.size
        canvas.resize(width: size.width, height: size.height)
        let scene = session.environment.scene()
        let tracked = session.trackedNames.compactMap { name in scene.bodies.firstIndex { $0.name == name } }
        let overlay = showPrediction && tracked.count == session.trackedNames.count
        let forecast = overlay ? session.tracker.forecast : nil, check = overlay ? session.tracker.check : nil
        let targets = [session.isTeleoperated ? session.teleopTarget : nil, session.pointerTarget].compactMap { $0 }
        var content = FrameContent(
            scene: scene, trackedSceneIndices: tracked, forecast: forecast, check: check, layers: layers, targets: targets,
            barLines: barLines, errors: session.predictor == nil ? nil : session.tracker.errors,
            infoLines: showInfo ? infoLines : nil, showHelp: showHelp)
        content.dream = dreamPane(reality: scene, trackedSceneIndices: tracked)
        if showSight, let source = session.predictor as? LatentPredictionSource {
            content.sight = source.sight(of: session.observation, bodyColors: tracked.map { scene.bodies[$0].color })
        }
        showPlan(in: &content)
        let camera = renderer.draw(content, into: &canvas)
        drawLearning()
        self.camera = camera
        var description = describe(scene, camera: camera, forecast: forecast, check: check)
        description.dreamBodies = content.dream.map { describeDream($0) }
        return description
    }

    /// The status bar: world, policy, step, time, speed; then the prediction's model, horizon and error.
    private var barLines: [[(text: String, dim: Bool)]] {
        var first: [(text: String, dim: Bool)] = [
            (session.environment.spec.name, false), ("  ", true), (session.policyName, false),
            ("  step ", true), ("\(session.environment.stepCount)", false),
            ("  t ", true), (String(format: "%.2f s", session.simulatedTime), false),
            ("  ", true), (Self.speedLabel(session.speed), false),
        ]
        if let status = session.policyStatus { first.append(("  \(status)", true)) }
        first.append(session.paused ? ("  PAUSED", false) : ("  H help", true))
        guard let predictor = session.predictor else {
            return [first, [("no model (--model constant-velocity | RUN)", true)]]
        }
        var second: [(text: String, dim: Bool)] = [
            ("model ", true), (predictor.name, false), ("  k ", true), ("\(session.tracker.horizon)", false),
        ]
        if let check = session.tracker.check {
            second += [("  error ", true), (HUDRenderer.metres(check.error), false)]
        } else {
            second.append(("  waiting for \(session.tracker.horizon) steps", true))
        }
        if !showPrediction { second.append(("  overlay off (F4)", true)) }
        return [first, second]
    }

    /// The F2 panel: frame times, rates, counts.
    private var infoLines: [String] {
        let environment = session.environment
        var lines = [
            String(format: "frame %.2f ms, draw %.2f ms, %.0f fps", stats.recentFrameMilliseconds, stats.recentDrawMilliseconds,
                   1 / max(frameInterval, 1e-3)),
            String(format: "physics %.0f Hz ", 1 / environment.controlTimeStep) + Self.speedLabel(session.speed)
                + ", steps this frame: \(session.stepsLastAdvance)",
            "seed \(session.seed), episode \(session.episodes), \(session.trackedNames.count) bodies",
            "window \(canvas.width)x\(canvas.height), contact \(session.lastInfo.contact ? "yes" : "no")",
        ]
        if let coverage = session.lastInfo.coverage { lines.append(String(format: "goal coverage %.0f%%", coverage * 100)) }
        return lines
    }

    static func speedLabel(_ speed: Double) -> String {
        speed >= 1 ? String(format: "x%.0f", speed) : "x1/\(Int((1 / speed).rounded()))"
    }

    /// The frame's description for the screenshot sidecar.
    private func describe(_ scene: Scene, camera: Camera, forecast: Forecast?, check: PredictionCheck?) -> FrameDescription {
        let bodies = FrameDescription.bodies(of: scene, camera: camera)
        let ghosts = (forecast?.steps.last ?? []).enumerated().map { b, position in
            let pixel = camera.toScreen(position)
            return FrameDescription.Ghost(name: session.trackedNames[b], pixel: [pixel.x, pixel.y])
        }
        let topLeft = camera.toScreen(SIMD2(-scene.tableSize.x / 2, scene.tableSize.y / 2))
        let bottomRight = camera.toScreen(SIMD2(scene.tableSize.x / 2, -scene.tableSize.y / 2))
        return FrameDescription(
            world: session.environment.spec.name, seed: session.seed, step: session.environment.stepCount,
            width: canvas.width, height: canvas.height, table: scene.tableColor.hex,
            tableRect: [topLeft.x, topLeft.y, bottomRight.x, bottomRight.y], bodies: bodies, ghosts: ghosts,
            horizon: forecast.map { $0.steps.count }, predictionError: check?.error)
    }
}
#endif
