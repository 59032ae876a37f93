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

    @Flag(help: "One JSON object per line instead of the table.")
    var json = false

    /// The frame budget the issue sets for drawing (ms).
    static let budgetMilliseconds = 4.0

    func run() throws {
        #if Viewer
        guard bodies >= 1, horizon >= 1, frames >= 1, width >= 160, height >= 120 else {
            throw ValidationError("--bodies, --horizon and --frames must be positive and the canvas at least 160x120")
        }
        let result = try ViewerBenchmark.run(bodies: bodies, horizon: horizon, width: width, height: height, frames: frames)
        let rows: [(name: String, value: Double, unit: String)] = [
            ("view.draw", result.drawMilliseconds, "ms/frame"),
            ("view.draw.wall", result.drawWallMilliseconds, "ms/frame"),
            ("view.budget", Self.budgetMilliseconds, "ms/frame"),
            ("view.draw/budget", result.drawMilliseconds / Self.budgetMilliseconds, "ratio"),
            ("view.copy", result.copyMilliseconds, "ms/frame"),
            ("view.draw/copy", result.drawMilliseconds / max(result.copyMilliseconds, 1e-9), "ratio"),
        ]
        if json {
            for row in rows {
                print("{\"name\": \"\(row.name)\", \"value\": \(row.value), \"unit\": \"\(row.unit)\", \"bodies\": \(bodies), \"horizon\": \(horizon), \"width\": \(width), \"height\": \(height)}")
            }
        } else {
            print("viewer frame: \(bodies) bodies, \(horizon)-step overlay, \(width)x\(height), \(frames) frames, one core (CPU time)")
            print("name".padding(toLength: 20, withPad: " ", startingAt: 0) + "value".padding(toLength: 12, withPad: " ", startingAt: 0) + "unit")
            for row in rows {
                print(row.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                      + String(format: "%-12.3f", row.value) + row.unit)
            }
        }
        #else
        FileHandle.standardError.write(Data("foresight bench view: built without the Viewer trait; build with `swift build --traits Viewer`.\n".utf8))
        throw ExitCode.failure
        #endif
    }
}
