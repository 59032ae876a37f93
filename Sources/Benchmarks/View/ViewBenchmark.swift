#if Viewer
import Foundation
import TensorCore

/// `bench view`: the viewer's drawing time per frame against its 4 ms budget.
public struct ViewBenchmark {
    /// Bodies in the synthetic world.
    public var bodies: Int
    /// Prediction horizon of the overlay (ghosts per body).
    public var horizon: Int
    /// Frames to time.
    public var frames: Int
    /// Canvas size in pixels.
    public var width: Int
    public var height: Int
    /// Whether the frame shows the dream pane beside reality, with a model's dream step and overlay per frame.
    public var dream: Bool
    /// A trained push-tee run: also time frames while CEM on its state model drives, planning on the frame's thread and beside it.
    public var planRun: URL?
    /// Whether to also time a viewer session whose overlay learns online (`view --learn`).
    public var learn: Bool
    /// A pixel run: also time frames whose overlay is its latent model, with what it sees shown (`view --ghosts latent`).
    public var latentRun: URL?

    /// The frame budget the issue sets for drawing (ms).
    public static let budgetMilliseconds = 4.0
    /// The time of one frame at 60 fps (ms), what dream mode's whole frame is held to.
    public static let sixtyFPSMilliseconds = 1000.0 / 60

    /// A benchmark of `frames` frames of `bodies` bodies with a `horizon`-step overlay on a `width`×`height` canvas,
    /// with the dream pane when `dream`.
    public init(bodies: Int, horizon: Int, frames: Int, width: Int, height: Int, dream: Bool = false, planRun: URL? = nil,
                learn: Bool = false, latentRun: URL? = nil) {
        self.latentRun = latentRun
        self.dream = dream
        self.planRun = planRun
        self.learn = learn
        self.bodies = bodies
        self.horizon = horizon
        self.frames = frames
        self.width = width
        self.height = height
    }

    /// Measures and prints the rows.
    public func run(printer: BenchPrinter) throws {
        printer.note("viewer frame: \(bodies) bodies, \(horizon)-step overlay, lidar, goal, HUD\(dream ? ", dream pane" : ""); "
            + "\(width)x\(height); \(frames) frames; CPU time of one thread")
        let result = try ViewerFrameTiming.run(bodies: bodies, horizon: horizon, width: width, height: height, frames: frames,
                                               dream: dream)
        let draw = result.drawMilliseconds
        let extra: [(String, BenchValue)] = [("bodies", .integer(bodies)), ("horizon", .integer(horizon)),
                                             ("width", .integer(width)), ("height", .integer(height))]
        var dreamRows = [BenchRow]()
        if let model = result.dreamModelMilliseconds {
            let frame = draw + model
            dreamRows = [
                BenchRow(name: "view.dream_model", value: model, digits: 3, unit: "ms/frame",
                         [("limit", .text("push-tee state model: 1 dream step + 2 overlay rollouts"))] + extra),
                BenchRow(name: "view.dream_frame", value: frame, digits: 3, unit: "ms/frame",
                         [("ratio", .number(frame / Self.sixtyFPSMilliseconds, digits: 2)),
                          ("limit", .text(String(format: "60 fps frame (%.0f fps possible)", 1000 / frame)))] + extra),
            ]
        }
        let planRows = try planRun.map(planFrameRows) ?? []
        let learningRows = learn ? try learningRows(draw: draw, extra: extra) : []
        let latentRows = try latentRun.map(latentFrameRows) ?? []
        printer.emit([
            BenchRow(name: "view.draw", value: draw, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / Self.budgetMilliseconds, digits: 2)), ("limit", .text("4 ms budget"))] + extra),
            BenchRow(name: "view.draw_wall", value: result.drawWallMilliseconds, digits: 3, unit: "ms/frame", extra),
            BenchRow(name: "view.copy_frame", value: result.copyMilliseconds, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / max(result.copyMilliseconds, 1e-9), digits: 1)), ("limit", .text("draw / copy"))]
                        + extra),
        ] + dreamRows + planRows + learningRows + latentRows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "value"),
            BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "ratio", title: "ratio"),
            BenchColumn(key: "limit", title: "against"),
        ] + (planRows.isEmpty && learningRows.isEmpty && latentRows.isEmpty ? [] : [BenchColumn(key: "worst", title: "worst ms")])
          + (planRows.isEmpty ? [] : [BenchColumn(key: "plans", title: "plans"), BenchColumn(key: "plan_ms", title: "ms/plan")])
          + (learningRows.isEmpty ? [] : [BenchColumn(key: "transitions", title: "transitions"), BenchColumn(key: "updates", title: "updates"),
                                          BenchColumn(key: "snapshots", title: "snapshots")]))
    }

    /// Frame times while the planner drives push-tee, planning on the frame's thread (as before) and beside it; OpenBLAS
    /// on one thread for both, as the background planner needs.
    private func planFrameRows(run: URL) throws -> [BenchRow] {
        BLASThreads.set(1)
        let onThread = try PlannerFrameTiming.run(run: run, mode: .synchronous, frames: frames, width: width, height: height)
        let beside = try PlannerFrameTiming.run(run: run, mode: .background, frames: frames, width: width, height: height)
        func row(_ name: String, _ result: PlannerFrameTiming.Result, _ extra: [(String, BenchValue)]) -> BenchRow {
            BenchRow(name: name, value: result.meanMilliseconds, digits: 2, unit: "ms/frame",
                     extra + [("worst", .number(result.worstMilliseconds, digits: 1)), ("plans", .integer(result.plans)),
                              ("plan_ms", .number(result.planMilliseconds, digits: 1))])
        }
        return [
            row("view.plan_frame_on_thread", onThread, [("limit", .text("planner on the frame's thread"))]),
            row("view.plan_frame_background", beside,
                [("ratio", .number(onThread.meanMilliseconds / max(beside.meanMilliseconds, 1e-9), digits: 1)),
                 ("limit", .text("planner beside the frames (ratio: on-thread / this)"))]),
        ]
    }

    /// Frames whose overlay is a pixel run's latent model: the session's work (camera, encodings, rollouts, probe, masks),
    /// drawing with the masks' inset, and the whole frame against the budget.
    private func latentFrameRows(run: URL) throws -> [BenchRow] {
        let result = try LatentSessionTiming.run(run: run, frames: frames, horizon: horizon, width: width, height: height)
        let frame = result.sessionMilliseconds + result.drawMilliseconds
        let size: [(String, BenchValue)] = [("horizon", .integer(horizon)), ("width", .integer(width)), ("height", .integer(height))]
        return [
            BenchRow(name: "view.latent_session", value: result.sessionMilliseconds, digits: 3, unit: "ms/frame",
                     [("worst", .number(result.worstSessionMilliseconds, digits: 3)),
                      ("limit", .text("\(result.steppedFrames) of \(frames) frames stepped"))] + size),
            BenchRow(name: "view.latent_draw", value: result.drawMilliseconds, digits: 3, unit: "ms/frame", size),
            BenchRow(name: "view.frame_latent", value: frame, digits: 3, unit: "ms/frame",
                     [("ratio", .number(frame / Self.budgetMilliseconds, digits: 2)), ("limit", .text("4 ms budget"))] + size),
        ]
    }

    /// The session's work per frame without a model and with online learning on, and the whole frame (that plus drawing) against the budget.
    private func learningRows(draw: Double, extra: [(String, BenchValue)]) throws -> [BenchRow] {
        let alone = try LearningSessionTiming.run(frames: frames, learning: false, horizon: horizon)
        let learning = try LearningSessionTiming.run(frames: frames, horizon: horizon)
        let frame = draw + learning.meanMilliseconds
        let counts: [(String, BenchValue)] = [("transitions", .integer(learning.transitions)), ("updates", .integer(learning.updates)),
                                              ("snapshots", .integer(learning.snapshots))]
        return [
            BenchRow(name: "view.session", value: alone.meanMilliseconds, digits: 3, unit: "ms/frame",
                     [("worst", .number(alone.worstMilliseconds, digits: 3))]),
            BenchRow(name: "view.learn_session", value: learning.meanMilliseconds, digits: 3, unit: "ms/frame",
                     [("worst", .number(learning.worstMilliseconds, digits: 3))] + counts),
            BenchRow(name: "view.frame_learning", value: frame, digits: 3, unit: "ms/frame",
                     [("ratio", .number(frame / Self.budgetMilliseconds, digits: 2)), ("limit", .text("4 ms budget"))] + extra),
        ]
    }
}
#endif
