import ArgumentParser
import Foundation

#if Viewer
import Viewer
#endif

/// `foresight bench view`: the viewer's drawing time per frame against its 4 ms budget.
struct BenchView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Time drawing a viewer frame (many bodies, prediction overlay, HUD) against the 4 ms budget.")

    @Option(help: "Bodies in the synthetic world.")
    var bodies = 50

    @Option(help: "Prediction horizon of the overlay (ghosts per body).")
    var horizon = 10

    @Option(help: "Frames to time.")
    var frames = 300

    @Option(help: "Canvas width in pixels.")
    var width = 1280

    @Option(help: "Canvas height in pixels.")
    var height = 800

    @OptionGroup var output: BenchOutputOptions

    /// The frame budget the issue sets for drawing (ms).
    static let budgetMilliseconds = 4.0

    func validate() throws {
        guard bodies >= 1, horizon >= 1, frames >= 1, width >= 160, height >= 120 else {
            throw ValidationError("--bodies, --horizon and --frames must be positive and the canvas at least 160x120")
        }
    }

    func run() throws {
        #if Viewer
        let printer = BenchPrinter(json: output.json)
        printer.note("viewer frame: \(bodies) bodies, \(horizon)-step overlay, lidar, goal, HUD; \(width)x\(height); "
            + "\(frames) frames; CPU time of one thread")
        let result = try ViewerBenchmark.run(bodies: bodies, horizon: horizon, width: width, height: height, frames: frames)
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
        #else
        FileHandle.standardError.write(Data("foresight bench view: built without the Viewer trait; build with `swift build --traits Viewer`.\n".utf8))
        throw ExitCode.failure
        #endif
    }
}
