#if Viewer
import Foundation
import WorldModel

extension HUDRenderer {
    /// The online learner's panel under the error plot (top right): its loss plot and, below, its last message.
    public func drawLearning(_ progress: LearningProgress, below top: Int, into canvas: inout Canvas) {
        let s = scale(for: canvas), pad = 3 * s, height = 24 * s
        let width = Double(min(100 * s, canvas.width / 4)), x = Double(canvas.width) - width - Double(pad)
        drawPlot(progress.losses, capacity: LearningProgress.lossCapacity, title: "loss",
                 label: { String(format: "loss %.3g", $0) },
                 in: PixelRect(x: x, y: Double(top + pad), width: width, height: Double(height)), into: &canvas)
        guard let message = progress.message else { return }
        let textWidth = font.width(of: message, scale: s)
        drawPanel([message], x: max(0, canvas.width - textWidth - 2 * padding(s) - pad), y: top + 2 * pad + height, into: &canvas)
    }
}
#endif
