#if Viewer
import Simulation

/// What the dream pane shows: the world at the model's own poses, its caption and its divergence from reality.
public struct DreamPane {
    /// Reality's scene with the tracked bodies moved to the dreamed poses (no lidar, no contacts: the model has neither).
    public var scene: Scene
    /// The caption's two lines (the model; steps since the last sync and the divergence now).
    public var lines: [String]
    /// A remark shown at the bottom of the pane (what a pixel run dreams with), if any.
    public var note: String?
    /// The divergence after each dreamed step, oldest first (m).
    public var divergences: [Double]

    public init(scene: Scene, lines: [String], note: String? = nil, divergences: [Double]) {
        self.scene = scene
        self.lines = lines
        self.note = note
        self.divergences = divergences
    }

    /// `reality` with the bodies at `trackedSceneIndices` placed at `poses`, without lidar and contacts.
    public init(reality: Scene, trackedSceneIndices: [Int], poses: [BodyPose], lines: [String], note: String? = nil,
                divergences: [Double]) {
        var scene = reality
        for (index, pose) in zip(trackedSceneIndices, poses) {
            scene.bodies[index].position = pose.position
            scene.bodies[index].angle = pose.angle
        }
        scene.lidarRays = []
        scene.contacts = []
        self.init(scene: scene, lines: lines, note: note, divergences: divergences)
    }
}

extension FrameRenderer {
    /// Captions both panes ("reality" over the first, `realityViewport`), then draws the dream pane in `viewport`: the
    /// dreamed world drawn like reality, its caption with the divergence plot at the caption's right end, and its note
    /// (if any) at the bottom.
    func drawDream(_ dream: DreamPane, in viewport: PixelRect, besides realityViewport: PixelRect, into canvas: inout Canvas) {
        let camera = camera(for: dream.scene, viewport: viewport)
        scene.drawTable(dream.scene, camera: camera, into: &canvas)
        scene.drawBodies(dream.scene, camera: camera, layers: SceneLayers(lidar: false, contacts: false), into: &canvas)
        let s = hud.scale(for: canvas)
        hud.drawCaption(Self.realityCaption, in: captionRect(above: realityViewport, canvas: canvas), into: &canvas)
        let caption = captionRect(above: viewport, canvas: canvas)
        hud.drawCaption(dream.lines, in: caption, into: &canvas)
        canvas.fillRect(x0: Int(viewport.x), y0: Int(caption.y), x1: Int(viewport.x) + s, y1: Int(viewport.y + viewport.height),
                        color: scene.palette.plotAxis)
        let plotWidth = min(Double(100 * s), caption.width / 4), pad = Double(3 * s)
        hud.drawErrorPlot(dream.divergences, capacity: PredictionTracker.errorCapacity,
                          in: PixelRect(x: caption.x + caption.width - plotWidth - pad, y: caption.y + pad, width: plotWidth,
                                        height: caption.height - 2 * pad),
                          into: &canvas)
        if let note = dream.note {
            hud.drawPanel([note], x: Int(viewport.x) + 8 * s, y: Int(viewport.y + viewport.height) - hud.lineHeight(s) - 10 * s,
                          into: &canvas)
        }
    }

    /// The first pane's caption while the dream is shown.
    static let realityCaption = ["REALITY", "the simulator"]
}
#endif
