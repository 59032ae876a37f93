import ArgumentParser
import Foundation
import WorldModel

/// `foresight eval`: open-loop evaluation of a run on held-out episodes, as tables and an HTML report.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained run on held-out episodes: ranking (every frame and C-SWM), position errors, baselines; writes RUN/report.html.")

    @Argument(help: ArgumentHelp("The run folder (from `foresight train`).", valueName: "run"))
    var runFolder: String

    @Option(help: "The dataset to evaluate on (its test split; the probe is fitted on its training split). Default: the dataset the run was trained on.")
    var data: String?

    @Option(help: "Which checkpoint: best or last.")
    var checkpoint: String = RunCheckpointFile.best.rawValue

    @Option(help: ArgumentHelp("Evaluate on the first N held-out episodes: the test split of the dataset the run was trained on, "
                               + "or the validation and test splits of another dataset (--data). Default: all of them.",
                               valueName: "N"))
    var testEpisodes: Int?

    @Flag(help: "Skip reading every shard to check its CRC-32 (for huge datasets you trust).")
    var skipChecksums = false

    @Option(help: "The longest open-loop horizon.")
    var horizon: Int = Evaluation.defaultHorizon

    func run() throws {
        let file: RunCheckpointFile = try OptionChoice.parse(checkpoint, option: "--checkpoint")
        if let testEpisodes, testEpisodes < 2 {
            throw ValidationError("--test-episodes must be at least 2 (ranking needs another episode to compare with), got \(testEpisodes)")
        }
        let result = try RunEvaluation(runURL: URL(fileURLWithPath: runFolder), checkpoint: file, dataset: data, horizon: horizon,
                                       testEpisodes: testEpisodes, verifyChecksums: !skipChecksums)
        print(result.text)
        print("Report: \(result.reportURL.path)")
    }
}
