#if Viewer
import Simulation

/// Everything one viewer frame shows, gathered from the session (or built synthetically by the benchmark).
public struct FrameContent {
    public var scene: Scene
    /// For each tracked body (prediction order), its index in `scene.bodies`.
    public var trackedSceneIndices: [Int]
    /// The forecast to draw as ghosts and the matured prediction to compare, when the overlay is on.
    public var forecast: Forecast?
    public var check: PredictionCheck?
    public var layers: SceneLayers
    /// Points drawn as target markers (teleop target, mouse pull point), in metres.
    public var targets: [SIMD2<Double>]
    /// The status bar's two lines of (text, dimmed) runs.
    public var barLines: [[(text: String, dim: Bool)]]
    /// The error history for the plot, when a model is shown.
    public var errors: [Double]?
    /// The F2 panel's lines, when shown.
    public var infoLines: [String]?
    public var showHelp: Bool
    /// The dream pane beside reality, when shown.
    public var dream: DreamPane?
    /// The planner's plan and its panel, when a planner drives.
    public var plan: PlanOverlay?
    /// What the model sees (a slot run's masks over its camera image), when shown.
    public var sight: ModelSight?

    public init(scene: Scene, trackedSceneIndices: [Int], forecast: Forecast?, check: PredictionCheck?, layers: SceneLayers,
                targets: [SIMD2<Double>], barLines: [[(text: String, dim: Bool)]], errors: [Double]?, infoLines: [String]?,
                showHelp: Bool) {
        self.scene = scene
        self.trackedSceneIndices = trackedSceneIndices
        self.forecast = forecast
        self.check = check
        self.layers = layers
        self.targets = targets
        self.barLines = barLines
        self.errors = errors
        self.infoLines = infoLines
        self.showHelp = showHelp
    }
}

/// Composes a frame: background, table, lidar, prediction ghosts, bodies, targets, then the text on top.
public struct FrameRenderer: Sendable {
    public let scene: SceneRenderer
    public let hud: HUDRenderer
    public let keyMap: KeyMap

    public init(palette: Palette, font: BitmapFont, keyMap: KeyMap = .standard) {
        scene = SceneRenderer(palette: palette)
        hud = HUDRenderer(palette: palette, font: font)
        self.keyMap = keyMap
    }

    /// The viewer's renderer with the bundled palette and font.
    public static func bundled() throws -> FrameRenderer {
        FrameRenderer(palette: try Palette.bundled(), font: try BitmapFont.bundled())
    }

    /// The camera that shows `scene` below the status bar of `canvas`, in the first (reality's) of `panes` panes.
    public func camera(for scene: Scene, canvas: Canvas, panes: Int = 1) -> Camera {
        camera(for: scene, viewport: paneViewports(width: canvas.width, height: canvas.height, panes: panes)[0])
    }

    /// A window width for `height` that fits `panes` panes of the scene's aspect side by side below the bar, and at least
    /// 960 pixels for the text.
    public func preferredWidth(for scene: Scene, height: Int, panes: Int = 1) -> Int {
        let bounds = SceneRenderer.worldBounds(of: scene), size = bounds.max - bounds.min
        let margin = Camera(worldMin: bounds.min, worldMax: bounds.max, viewport: PixelRect(x: 0, y: 0, width: 1, height: 1)).margin
        let usable = Double(height - hud.barHeight(width: 960, height: height)) - 2 * margin
        return max(960, panes * Int((usable * size.x / size.y + 2 * margin).rounded()))
    }

    /// Draws the whole frame; returns the camera used.
    @discardableResult
    public func draw(_ content: FrameContent, into canvas: inout Canvas) -> Camera {
        canvas.clear(to: scene.palette.background)
        let panes = paneViewports(width: canvas.width, height: canvas.height, panes: content.dream == nil ? 1 : 2)
        let camera = camera(for: content.scene, viewport: panes[0])
        scene.drawTable(content.scene, camera: camera, into: &canvas)
        scene.drawLidar(content.scene, camera: camera, layers: content.layers, into: &canvas)
        if content.forecast != nil || content.check != nil {
            // Predictions that leave the table stop at its edge.
            let half = content.scene.tableSize / 2
            let topLeft = camera.toScreen(SIMD2(-half.x, half.y)), bottomRight = camera.toScreen(SIMD2(half.x, -half.y))
            canvas.clip(to: PixelRect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y))
            let indices = content.trackedSceneIndices
            scene.drawPrediction(forecast: content.forecast, check: content.check, bodies: indices.map { content.scene.bodies[$0] },
                                 camera: camera, into: &canvas)
            canvas.resetClip()
        }
        if let plan = content.plan {
            scene.drawPlan(plan.poses, bodies: content.trackedSceneIndices.map { content.scene.bodies[$0] }, camera: camera, into: &canvas)
        }
        scene.drawBodies(content.scene, camera: camera, layers: content.layers, into: &canvas)
        for target in content.targets { scene.drawTarget(target, camera: camera, into: &canvas) }
        if let dream = content.dream { drawDream(dream, in: panes[1], besides: panes[0], into: &canvas) }
        if let sight = content.sight { drawSight(sight, in: panes[0], into: &canvas) }
        hud.drawBar(content.barLines, into: &canvas)
        let s = hud.scale(for: canvas), bar = hud.barHeight(for: canvas)
        if let errors = content.errors {
            let width = Double(min(100 * s, canvas.width / 4)), pad = Double(3 * s)
            hud.drawErrorPlot(errors, capacity: PredictionTracker.errorCapacity,
                              in: PixelRect(x: Double(canvas.width) - width - pad, y: pad, width: width, height: Double(bar) - 2 * pad),
                              into: &canvas)
        }
        if let lines = content.plan?.lines {
            let height = lines.count * hud.lineHeight(s) + 2 * hud.padding(s) - 2 * s
            hud.drawPanel(lines, x: Int(panes[0].x) + 8 * s, y: canvas.height - height - 8 * s, into: &canvas)
        }
        if let info = content.infoLines {
            // Below the panes' captions while the dream is shown.
            let top = content.dream == nil ? bar : Int(panes[0].y)
            hud.drawPanel(info, x: 8 * s, y: top + 8 * s, into: &canvas)
        }
        if content.showHelp { hud.drawHelp(keyMap, notes: SceneRenderer.predictionLegend, into: &canvas) }
        return camera
    }
}
#endif
