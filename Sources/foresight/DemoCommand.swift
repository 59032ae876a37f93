import ArgumentParser
import Foundation
import Simulation
import Trajectories
import WorldModel

/// `foresight demo`: simulate the default world, train a world model, evaluate it and write the report.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate the push world (scripted policy, pixels + state), train encoder and forward models, evaluate, write the report.")

    @Option(help: "Working folder for the dataset and the run.")
    var out: String = "demo-output"

    @Option(help: "Episodes to simulate.")
    var episodes: Int = 1000

    @Option(help: "Control steps per episode.")
    var steps: Int = 30

    @Option(help: "Encoder epochs.")
    var encoderEpochs: Int = 15

    @Option(help: "Forward-model epochs.")
    var forwardEpochs: Int = 30

    @Option(help: "Root seed (simulation and training).")
    var seed: UInt64 = 1

    @Option(help: "Worker threads for the simulation (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The fewest episodes whose split holds out the two test episodes evaluation ranks against each other.
    static let minimumEpisodes = 15

    func validate() throws {
        guard episodes >= Self.minimumEpisodes else {
            throw ValidationError("--episodes must be at least \(Self.minimumEpisodes) (evaluation needs 2 held-out test episodes), got \(episodes)")
        }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard encoderEpochs >= 0, forwardEpochs >= 0 else { throw ValidationError("epochs must not be negative") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let started = ProcessInfo.processInfo.systemUptime
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let datasetURL = folder.appendingPathComponent("push-scripted")
        let runURL = folder.appendingPathComponent("run")

        let spec = try WorldSpec.builtIn(named: "push")
        let settings = ObservationSettings(kinds: [.state, .pixels], pixelSize: spec.observation.pixelSize)
        let collector = RolloutCollector(spec: spec, observations: settings, policy: .scripted,
                                         stepsPerEpisode: steps, seed: seed, threads: threads)
        let bar = ProgressBar(label: "simulate push", total: episodes, unit: "episodes")
        _ = try collector.record(episodes: episodes, to: datasetURL, replaceExisting: true) { bar.update(completed: $0) }
        bar.finish(completed: episodes)

        var config = WorldModelConfig()
        config.encoderEpochs = encoderEpochs
        config.forwardEpochs = forwardEpochs
        config.seed = seed
        try? FileManager.default.removeItem(at: runURL)
        let trainer = try WorldModelTrainer(config: config, dataset: try Train.open(datasetURL.path), runURL: runURL)
        try Train.run(trainer)
        print(Train.summary(trainer))
        print("")

        let result = try RunEvaluation(runURL: runURL, horizon: Evaluation.defaultHorizon)
        print(result.text)
        let seconds = ProcessInfo.processInfo.systemUptime - started
        print(String(format: "Demo finished in %.0f s.", seconds))
        print("Report: \(result.reportURL.path)")
    }
}
