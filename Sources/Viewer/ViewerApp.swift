#if Viewer
import Control
import CSDL2
import Foundation
import Simulation
import TensorCore

/// The viewer: one window, a 60 Hz frame loop, the simulation at its own fixed rate, keys and mouse.
public final class ViewerApp {
    let options: ViewerOptions
    let session: ViewerSession
    let window: SDLWindow
    let renderer: FrameRenderer
    var keyMap: KeyMap { renderer.keyMap }
    var canvas: Canvas
    var layers = SceneLayers(lidar: true, contacts: true)
    var showInfo = false
    var showHelp = false
    var showPrediction = true
    /// Whether what the model sees (a slot run's masks over its camera image) is drawn beside the scene.
    var showSight = false
    /// Whether the dream pane is shown beside reality.
    var showDream = false
    /// The planner driving the robot (`--policy plan`), whose plans are drawn and whose goal the mouse sets.
    let planner: BackgroundPlanner?
    /// Whether the right mouse button drags the planner's goal.
    var draggingGoal = false
    /// The steering keys held down.
    var heldKeys = Set<Key>()
    var stats = FrameStats()
    /// The camera of the last drawn frame, for turning mouse positions into world points.
    var camera: Camera
    /// Wall-clock seconds between the last frames (for the fps figure).
    var frameInterval = 1.0 / 60

    static let framesPerSecond = 60.0

    /// Opens the window and runs until the user quits or `options.frames` frames are done; returns the frame times.
    public static func run(_ options: ViewerOptions) throws -> FrameStats {
        let app = try ViewerApp(options: options)
        try app.loop()
        return app.stats
    }

    init(options: ViewerOptions) throws {
        self.options = options
        planner = options.planner
        if let frames = options.frames, frames < 1 { throw ViewerError.invalidOption("--frames must be at least 1") }
        try Self.prepareOutputs(options)
        showHelp = options.showHelp
        showInfo = options.showInfo
        showSight = options.showSight
        renderer = try FrameRenderer.bundled()
        session = try ViewerSession(spec: options.spec, policy: options.policy, seed: options.seed, model: options.model,
                                    horizon: options.horizon, observesPixels: options.modelReadsPixels)
        session.dream = try options.dream?(session.environment, session.observation)
        showDream = options.showDream && session.dream != nil
        let width = options.width ?? renderer.preferredWidth(for: session.environment.scene(), height: options.height,
                                                             panes: showDream ? 2 : 1)
        window = try SDLWindow(title: "Foresight: \(options.spec.name)", width: width, height: options.height)
        canvas = Canvas(width: width, height: options.height)
        camera = renderer.camera(for: session.environment.scene(), canvas: canvas)
    }

    /// Checks where captures go before any frame is drawn: the screenshot's folder must exist, the
    /// recording folder is created.
    private static func prepareOutputs(_ options: ViewerOptions) throws {
        if let screenshot = options.screenshot {
            let folder = screenshot.deletingLastPathComponent()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw ViewerError.output(screenshot.path, "the folder \(folder.path) does not exist")
            }
        }
        if let record = options.record {
            do {
                try FileManager.default.createDirectory(at: record, withIntermediateDirectories: true)
            } catch {
                throw ViewerError.output(record.path, "cannot create the folder: \(error)")
            }
        }
    }

    /// Runs frames until the user quits or `options.frames` frames are done.
    func loop() throws {
        var last = DispatchTime.now()
        var frame = 0
        while true {
            let start = DispatchTime.now()
            guard handleEvents() else { return }
            let realSeconds = options.usesFixedFrameTime ? 1 / Self.framesPerSecond : min(0.1, FrameStats.milliseconds(since: last) / 1000)
            frameInterval = 0.9 * frameInterval + 0.1 * FrameStats.milliseconds(since: last) / 1000
            last = start
            session.advance(realSeconds: realSeconds, steering: steering)
            let drawStart = DispatchTime.now()
            let description = drawFrame()
            let drawMilliseconds = FrameStats.milliseconds(since: drawStart)
            try window.upload(canvas)
            frame += 1
            let isLast = options.frames.map { frame >= $0 } ?? false
            if let record = options.record {
                try capture(to: record.appendingPathComponent(String(format: "frame-%05d.png", frame - 1)), description: nil)
            }
            if isLast, let screenshot = options.screenshot { try capture(to: screenshot, description: description) }
            try window.present()
            stats.add(drawMilliseconds: drawMilliseconds, frameMilliseconds: FrameStats.milliseconds(since: start))
            if isLast { return }
            if !options.usesFixedFrameTime {
                let remaining = 1000 / Self.framesPerSecond - FrameStats.milliseconds(since: start)
                if remaining > 1 { SDL_Delay(UInt32(remaining)) }
            }
        }
    }

    /// Saves the window's pixels as PNG, and the frame's description next to it when given.
    private func capture(to url: URL, description: FrameDescription?) throws {
        let shown = try window.readPixels()
        try PNGWriter.write(argb: shown.pixels, width: shown.width, height: shown.height, to: url)
        guard let description else { return }
        let sidecar = FrameDescription.sidecarURL(for: url)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(description), to: sidecar)
        } catch {
            throw ViewerError.output(sidecar.path, "\(error)")
        }
    }

    /// The sum of the held steering keys' directions.
    private var steering: SIMD2<Double> {
        heldKeys.reduce(SIMD2<Double>.zero) { $0 + (keyMap.steering(for: $1, paused: session.paused) ?? .zero) }
    }
}
#endif
