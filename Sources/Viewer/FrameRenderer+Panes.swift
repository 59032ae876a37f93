#if Viewer
import Simulation

extension FrameRenderer {
    /// The world viewports of `panes` panes side by side and equally wide below the status bar of a `width`×`height`
    /// canvas (reality first); with more than one pane, each starts below a caption strip as high as the bar.
    public func paneViewports(width: Int, height: Int, panes: Int) -> [PixelRect] {
        precondition(panes >= 1, "FrameRenderer: at least one pane")
        let bar = Double(hud.barHeight(width: width, height: height)), caption = panes > 1 ? bar : 0
        let paneWidth = Double(width) / Double(panes)
        return (0..<panes).map {
            PixelRect(x: Double($0) * paneWidth, y: bar + caption, width: paneWidth, height: max(1, Double(height) - bar - caption))
        }
    }

    /// The caption strip above a pane's world `viewport`.
    func captionRect(above viewport: PixelRect, canvas: Canvas) -> PixelRect {
        let height = Double(hud.barHeight(for: canvas))
        return PixelRect(x: viewport.x, y: viewport.y - height, width: viewport.width, height: height)
    }

    /// The camera that shows `scene` in `viewport`.
    public func camera(for scene: Scene, viewport: PixelRect) -> Camera {
        let bounds = SceneRenderer.worldBounds(of: scene)
        return Camera(worldMin: bounds.min, worldMax: bounds.max, viewport: viewport)
    }
}
#endif
