#if Viewer
import Simulation

extension SceneRenderer {
    /// Draws a prediction under the real bodies: a ghost of every tracked body after each step, fading in
    /// toward step k, then a line from each final ghost to where the body really is.
    ///
    /// `bodies[b]` and `fills[b]` are the scene body and colour of tracked body `b` (prediction order).
    public func drawPrediction(
        _ snapshot: PredictionSnapshot, bodies: [SceneBody], fills: [Color], camera: Camera, into canvas: inout Canvas
    ) {
        let k = snapshot.steps.count
        for (t, positions) in snapshot.steps.enumerated() {
            let progress = Double(t + 1) / Double(k)  // 1 at the final step
            let final = t == k - 1
            for (b, position) in positions.enumerated() where b < bodies.count {
                let fill = fills[b].withOpacity(final ? 0.42 : 0.06 + 0.22 * progress)
                let outline = palette.outline(of: fills[b]).withOpacity(final ? 0.95 : 0.15 + 0.4 * progress)
                drawShapes(bodies[b].shapes, at: BodyPose(position: position, angle: snapshot.anchor[b].angle), camera: camera,
                           fill: fill, outline: outline, into: &canvas)
            }
        }
        guard let final = snapshot.steps.last else { return }
        let width = max(1.5, camera.pixels(0.003))
        for (predicted, actual) in zip(final, snapshot.actual) {
            let from = camera.toScreen(predicted), to = camera.toScreen(actual)
            canvas.drawLine(from: from, to: to, width: width, color: palette.realMarker)
            canvas.drawCircle(center: from, radius: width * 1.6, fill: palette.realMarker)
        }
    }
}
#endif
