#if Viewer
import Simulation

extension FrameRenderer {
    /// The caption above what the model sees.
    static let sightCaption = "what the model sees (F7)"

    /// Draws what the model sees in the top right corner of the reality pane `viewport`, under a caption, both right-aligned
    /// to the pane: the image scaled by a whole factor to about a third of the pane's shorter side.
    func drawSight(_ sight: ModelSight, in viewport: PixelRect, into canvas: inout Canvas) {
        let s = hud.scale(for: canvas), margin = 8 * s
        let size = max(1, Int(min(viewport.width, viewport.height) / 3) / sight.side) * sight.side
        let right = Int(viewport.x + viewport.width) - margin, top = Int(viewport.y) + margin
        let captionWidth = hud.font.width(of: Self.sightCaption, scale: s) + 2 * hud.padding(s)
        let caption = hud.drawPanel([Self.sightCaption], x: right - captionWidth, y: top, into: &canvas)
        canvas.drawImage(sight.image, imageWidth: sight.side, imageHeight: sight.side, x: right - size, y: top + caption.height,
                         width: size, height: size)
    }
}
#endif
