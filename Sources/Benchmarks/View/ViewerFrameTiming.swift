#if Viewer
import Foundation
import Simulation
import TensorCore
import Viewer

/// Times the viewer's frame renderer on a synthetic world of many bodies with a prediction overlay,
/// without a window: the drawing cost the viewer pays every frame.
enum ViewerFrameTiming {
    struct Result: Sendable {
        var frames: Int
        var width: Int
        var height: Int
        /// Mean CPU time of this thread to draw one whole frame (scene, ghosts, HUD, plot) into the canvas (ms):
        /// the cost on one core, whatever else the machine is doing.
        var drawMilliseconds: Double
        /// Mean wall-clock time for the same (ms), which includes waiting for a busy machine.
        var drawWallMilliseconds: Double
        /// Mean CPU time to copy one frame's pixels: the least any frame costs to show (ms).
        var copyMilliseconds: Double
        /// With the dream pane: mean CPU time of the model's work per frame (a dreamed step, the overlay's rollouts) (ms).
        var dreamModelMilliseconds: Double?
    }

    /// Draws `frames` frames of `bodies` bodies (with lidar, goal, HUD) and a `horizon`-step overlay on a `width`×`height` canvas;
    /// with `dream`, beside a dream pane of the same bodies, and a push-tee model's dream step and overlay every frame.
    static func run(bodies: Int, horizon: Int, width: Int, height: Int, frames: Int, dream: Bool = false) throws -> Result {
        let renderer = try FrameRenderer.bundled()
        var content = try syntheticFrame(bodies: bodies, horizon: horizon)
        let workload = dream ? try DreamWorkload(horizon: horizon) : nil
        if dream {
            let poses = content.trackedSceneIndices.map { i in
                BodyPose(position: content.scene.bodies[i].position + SIMD2(0.02, -0.01), angle: content.scene.bodies[i].angle + 0.2)
            }
            content.dream = DreamPane(reality: content.scene, trackedSceneIndices: content.trackedSceneIndices, poses: poses,
                                      lines: ["DREAM  bench", "drift 12.0 mm after 40 steps"],
                                      divergences: (0..<PredictionTracker.errorCapacity).map { 0.0001 * Double($0) })
        }
        var canvas = Canvas(width: width, height: height)
        var copy = [UInt32](repeating: 0, count: width * height)
        for _ in 0..<5 { renderer.draw(content, into: &canvas) }
        var drawNanoseconds: UInt64 = 0, copyNanoseconds: UInt64 = 0, wallNanoseconds: UInt64 = 0, modelNanoseconds: UInt64 = 0
        for frame in 0..<frames {
            // Move every body a little so that each frame is new work.
            let shift = SIMD2(0.0004 * Double(frame % 20) - 0.004, 0)
            for i in content.scene.bodies.indices where content.scene.bodies[i].role != .wall {
                content.scene.bodies[i].position += shift
                content.dream?.scene.bodies[i].position -= shift
            }
            if let workload {
                let start = threadCPUNanoseconds()
                workload.step()
                modelNanoseconds += threadCPUNanoseconds() - start
            }
            let wallStart = DispatchTime.now().uptimeNanoseconds, start = threadCPUNanoseconds()
            renderer.draw(content, into: &canvas)
            let drawn = threadCPUNanoseconds()
            wallNanoseconds += DispatchTime.now().uptimeNanoseconds - wallStart
            canvas.pixels.withUnsafeBufferPointer { source in
                copy.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source.baseAddress!, count: source.count) }
            }
            copyNanoseconds += threadCPUNanoseconds() - drawn
            drawNanoseconds += drawn - start
        }
        precondition(copy[copy.count / 2] != 0)
        let perFrame = { (nanoseconds: UInt64) in Double(nanoseconds) / 1e6 / Double(frames) }
        return Result(frames: frames, width: width, height: height, drawMilliseconds: perFrame(drawNanoseconds),
                      drawWallMilliseconds: perFrame(wallNanoseconds), copyMilliseconds: perFrame(copyNanoseconds),
                      dreamModelMilliseconds: dream ? perFrame(modelNanoseconds) : nil)
    }

    /// CPU time consumed by the calling thread so far (ns).
    static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The diffdrive world's table, walls and lidar with push-tee's goal, and `count` bodies (a robot disc,
    /// then discs, boxes and tees), a `horizon`-step prediction of every body, the status bar, the error plot
    /// and the info panel.
    static func syntheticFrame(bodies count: Int, horizon: Int) throws -> FrameContent {
        let drive = try Environment(spec: WorldSpec.builtIn(named: "diffdrive"), observations: ObservationSettings(kinds: [.state, .lidar]))
        drive.reset(seed: 1)
        let tee = try Environment(spec: WorldSpec.builtIn(named: "push-tee"), observations: ObservationSettings(kinds: [.state]))
        tee.reset(seed: 1)
        var scene = drive.scene()
        scene.goal = tee.scene().goal
        var rng = RandomStream(seed: 7)
        let half = scene.tableSize / 2 * 0.85
        let box: [SIMD2<Double>] = [SIMD2(-0.03, -0.02), SIMD2(0.03, -0.02), SIMD2(0.03, 0.02), SIMD2(-0.03, 0.02)]
        let bar: [SIMD2<Double>] = [SIMD2(-0.05, 0.0), SIMD2(0.05, 0.0), SIMD2(0.05, 0.025), SIMD2(-0.05, 0.025)]
        let stem: [SIMD2<Double>] = [SIMD2(-0.0125, -0.07), SIMD2(0.0125, -0.07), SIMD2(0.0125, 0.0), SIMD2(-0.0125, 0.0)]
        let walls = scene.bodies.filter { $0.role == .wall }
        scene.bodies = walls
        for i in 0..<count {
            let position = SIMD2(rng.uniform(in: -half.x...half.x), rng.uniform(in: -half.y...half.y))
            let shapes: [SceneShape] = switch i % 3 {
            case 0: [.circle(center: .zero, radius: 0.025)]
            case 1: [.polygon(box)]
            default: [.polygon(bar), .polygon(stem)]
            }
            scene.bodies.append(SceneBody(name: "body\(i)", role: i == 0 ? .robot : .object, position: position,
                                          angle: rng.uniform(in: -3...3), shapes: shapes, color: RGB(200, 100, 50)))
        }
        let tracked = Array(walls.count..<scene.bodies.count)
        let anchor = tracked.map { BodyPose(position: scene.bodies[$0].position, angle: scene.bodies[$0].angle) }
        let steps = (1...horizon).map { t in anchor.map { $0.position + SIMD2(0.004, 0.002) * Double(t) } }
        let check = PredictionCheck(anchor: anchor, predicted: steps[horizon - 1], actual: anchor.map { $0.position }, error: 0.01)
        return FrameContent(
            scene: scene, trackedSceneIndices: tracked, forecast: Forecast(anchor: anchor, steps: steps), check: check,
            layers: SceneLayers(),
            targets: [scene.bodies[tracked[0]].position],
            barLines: [[("bench", false), ("   policy ", true), ("scripted", false)], [("prediction ", true), ("synthetic", false)]],
            errors: (0..<PredictionTracker.errorCapacity).map { 0.01 + 0.005 * sin(Double($0) / 9) },
            infoLines: ["frame 0.00 ms, draw 0.00 ms, 60 fps", "physics 50 Hz x1", "seed 0, episode 1"], showHelp: false)
    }
}
#endif
