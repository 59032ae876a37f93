#if Viewer
import Foundation
import Simulation

extension ViewerApp {
    /// The dream pane for this frame, when it is shown: reality's scene at the dreamed poses, captioned.
    func dreamPane(reality scene: Scene, trackedSceneIndices tracked: [Int]) -> DreamPane? {
        guard showDream, let dream = session.dream, tracked.count == session.trackedNames.count else { return nil }
        let drift = dream.divergences.last.map { "drift \(HUDRenderer.metres($0)) after " } ?? "synced, "
        let lines = ["DREAM  \(dream.name)", drift + "\(dream.stepsSinceSync) steps"]
        return DreamPane(reality: scene, trackedSceneIndices: tracked, poses: dream.poses, lines: lines, note: dream.note,
                         divergences: dream.divergences)
    }

    /// The dream pane's bodies for the screenshot sidecar, projected by the right pane's camera.
    func describeDream(_ pane: DreamPane) -> [FrameDescription.Body] {
        let viewport = renderer.paneViewports(width: canvas.width, height: canvas.height, panes: 2)[1]
        let camera = renderer.camera(for: pane.scene, viewport: viewport)
        return FrameDescription.bodies(of: pane.scene, camera: camera)
    }
}
#endif
