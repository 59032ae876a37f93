#if Viewer
import Foundation

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
    /// Whether to also time a viewer session whose overlay learns online (`view --learn`).
    public var learn = false

    /// The frame budget the issue sets for drawing (ms).
    public static let budgetMilliseconds = 4.0

    /// A benchmark of `frames` frames of `bodies` bodies with a `horizon`-step overlay on a `width`×`height` canvas.
    public init(bodies: Int, horizon: Int, frames: Int, width: Int, height: Int) {
        self.bodies = bodies
        self.horizon = horizon
        self.frames = frames
        self.width = width
        self.height = height
    }

    /// Measures and prints the rows.
    public func run(printer: BenchPrinter) throws {
        printer.note("viewer frame: \(bodies) bodies, \(horizon)-step overlay, lidar, goal, HUD; \(width)x\(height); "
            + "\(frames) frames; CPU time of one thread")
        let result = try ViewerFrameTiming.run(bodies: bodies, horizon: horizon, width: width, height: height, frames: frames)
        let draw = result.drawMilliseconds
        let extra: [(String, BenchValue)] = [("bodies", .integer(bodies)), ("horizon", .integer(horizon)),
                                             ("width", .integer(width)), ("height", .integer(height))]
        var rows = [
            BenchRow(name: "view.draw", value: draw, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / Self.budgetMilliseconds, digits: 2)), ("limit", .text("4 ms budget"))] + extra),
            BenchRow(name: "view.draw_wall", value: result.drawWallMilliseconds, digits: 3, unit: "ms/frame", extra),
            BenchRow(name: "view.copy_frame", value: result.copyMilliseconds, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / max(result.copyMilliseconds, 1e-9), digits: 1)), ("limit", .text("draw / copy"))]
                        + extra),
        ]
        if learn { rows += try learningRows(draw: draw, extra: extra) }
        let learningColumns = learn ? [BenchColumn(key: "worst", title: "worst"), BenchColumn(key: "transitions", title: "transitions"),
                                       BenchColumn(key: "updates", title: "updates"), BenchColumn(key: "snapshots", title: "snapshots")] : []
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "value"),
            BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "ratio", title: "ratio"),
            BenchColumn(key: "limit", title: "against"),
        ] + learningColumns)
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
