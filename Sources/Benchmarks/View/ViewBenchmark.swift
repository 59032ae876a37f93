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
        printer.emit([
            BenchRow(name: "view.draw", value: draw, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / Self.budgetMilliseconds, digits: 2)), ("limit", .text("4 ms budget"))] + extra),
            BenchRow(name: "view.draw_wall", value: result.drawWallMilliseconds, digits: 3, unit: "ms/frame", extra),
            BenchRow(name: "view.copy_frame", value: result.copyMilliseconds, digits: 3, unit: "ms/frame",
                     [("ratio", .number(draw / max(result.copyMilliseconds, 1e-9), digits: 1)), ("limit", .text("draw / copy"))]
                        + extra),
        ], columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "value"),
            BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "ratio", title: "ratio"),
            BenchColumn(key: "limit", title: "against"),
        ])
    }
}
#endif
