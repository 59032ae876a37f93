import ArgumentParser
import Benchmarks
import Foundation
import WorldModel

/// `foresight bench view`: the viewer's drawing time per frame against its 4 ms budget.
struct BenchView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Time drawing a viewer frame (many bodies, prediction overlay, HUD) against the 4 ms budget; --dream adds the dream pane.")

    @Option(help: "Bodies in the synthetic world.")
    var bodies = 50

    @Option(help: "Prediction horizon of the overlay (ghosts per body).")
    var horizon = Evaluation.defaultHorizon

    @Option(help: "Frames to time.")
    var frames = 300

    @Option(help: "Canvas width in pixels.")
    var width = 1280

    @Option(help: "Canvas height in pixels.")
    var height = 800

    @Flag(help: "Draw the dream pane beside reality, and time a push-tee model's dream step and overlay every frame.")
    var dream = false

    @Option(help: "A trained push-tee run: also time frames while CEM on its state model drives, planning on the frame's thread and in the background.")
    var plan: String?

    @Flag(help: "Also time a push session whose overlay learns online (view --learn), with the learner thread training beside it.")
    var learn = false

    @Option(help: "A pixel run (slots or keypoints): also time frames whose ghosts come from its latent model, its slot masks shown.")
    var latent: String?

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        guard bodies >= 1, horizon >= 1, frames >= 1, width >= 160, height >= 120 else {
            throw ValidationError("--bodies, --horizon and --frames must be positive and the canvas at least 160x120")
        }
    }

    func run() throws {
        #if Viewer
        try ViewBenchmark(bodies: bodies, horizon: horizon, frames: frames, width: width, height: height, dream: dream,
                          planRun: plan.map { URL(fileURLWithPath: $0) }, learn: learn,
                          latentRun: latent.map { URL(fileURLWithPath: $0) }).run(printer: output.printer)
        #else
        FileHandle.standardError.write(Data("foresight bench view: built without the Viewer trait; build with `swift build --traits Viewer`.\n".utf8))
        throw ExitCode.failure
        #endif
    }
}
