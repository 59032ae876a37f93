#if Viewer
import Simulation

extension SceneRenderer {
    /// How to read the prediction overlay, for the help.
    public static let predictionLegend = [
        "Ghosts: the model's forecast for the next k steps.",
        "Outline + line: its prediction from k steps ago vs now.",
        "Thin paths + outlines: sampled futures of a stochastic model.",
    ]

    /// Draws the prediction overlay under the real bodies.
    ///
    /// The forecast: a ghost of every tracked body after each of the next k steps, a translucent fill
    /// fading with distance into the future. The check: the k-step prediction made k steps ago, as an outline with a line to
    /// where the body really is now. `bodies[b]` is tracked body `b`'s scene body; its ghosts take its colour.
    public func drawPrediction(
        forecast: Forecast?, check: PredictionCheck?, bodies: [SceneBody], camera: Camera, into canvas: inout Canvas
    ) {
        if let forecast {
            drawBranches(forecast, bodies: bodies, camera: camera, into: &canvas)
            let k = forecast.steps.count
            // Far ghosts first, so that nearer ones lie on top.
            for (t, positions) in forecast.steps.enumerated().reversed() {
                let nearness = 1 - Double(t) / Double(k)  // 1 for the next step
                for (b, position) in positions.enumerated() {
                    drawShapes(bodies[b].shapes, at: BodyPose(position: position, angle: forecast.anchor[b].angle), camera: camera,
                               fill: bodies[b].color, outline: nil, opacity: 0.06 + 0.34 * nearness, into: &canvas)
                }
            }
        }
        guard let check else { return }
        drawCheck(check, bodies: bodies, camera: camera, into: &canvas)
    }

    /// The forecast's sampled futures: each body's path from now through every step of a branch, and an outline where
    /// the branch ends, in the body's colour.
    private func drawBranches(_ forecast: Forecast, bodies: [SceneBody], camera: Camera, into canvas: inout Canvas) {
        let width = max(1, camera.pixels(0.0015))
        for branch in forecast.branches {
            guard let last = branch.last else { continue }
            for b in last.indices {
                var from = camera.toScreen(forecast.anchor[b].position)
                for step in branch {
                    let to = camera.toScreen(step[b])
                    canvas.drawLine(from: from, to: to, width: width, color: bodies[b].color)
                    from = to
                }
                drawShapes(bodies[b].shapes, at: BodyPose(position: last[b], angle: forecast.anchor[b].angle), camera: camera,
                           fill: nil, outline: bodies[b].color, opacity: 0.5, into: &canvas)
            }
        }
    }

    /// The matured prediction: an outline where it put each body, with a line to where the body really is.
    private func drawCheck(_ check: PredictionCheck, bodies: [SceneBody], camera: Camera, into canvas: inout Canvas) {
        let width = max(1.5, camera.pixels(0.003))
        for (b, predicted) in check.predicted.enumerated() {
            drawShapes(bodies[b].shapes, at: BodyPose(position: predicted, angle: check.anchor[b].angle), camera: camera,
                       fill: nil, outline: palette.realMarker, opacity: 0.85, into: &canvas)
            let from = camera.toScreen(predicted), to = camera.toScreen(check.actual[b])
            canvas.drawLine(from: from, to: to, width: width, color: palette.realMarker)
            canvas.drawCircle(center: from, radius: width * 1.5, fill: palette.realMarker)
        }
    }
}
#endif
