import ArgumentParser
import Foundation
import WorldModel

/// `foresight compare`: several runs' probe and k-step errors in one table (what each sensor adds).
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs (e.g. --input state, lidar, state+lidar) in one table: probe error and k-step position errors.",
        discussion: """
            Each run's best checkpoint is evaluated on the held-out episodes of the dataset it records, as `eval` does \
            (without rewriting its report), so the table reproduces from the saved runs and datasets alone.
            """)

    @Argument(help: ArgumentHelp("Run folders (from `foresight train`).", valueName: "run"))
    var runs: [String]

    @Option(help: "The open-loop step the errors are read at.")
    var horizon: Int = Evaluation.defaultHorizon

    @Option(help: ArgumentHelp("Evaluate on the first N held-out episodes of each run's dataset. Default: all of them.", valueName: "N"))
    var testEpisodes: Int?

    @Option(help: "Also write the table as an HTML page to this file.")
    var report: String?

    @Flag(help: "Skip reading every shard to check its CRC-32 (for huge datasets you trust).")
    var skipChecksums = false

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("name at least one run folder") }
        guard horizon > 0 else { throw ValidationError("--horizon must be positive, got \(horizon)") }
        if let testEpisodes, testEpisodes < 2 {
            throw ValidationError("--test-episodes must be at least 2 (ranking needs another episode to compare with), got \(testEpisodes)")
        }
    }

    func run() throws {
        let comparison = try RunComparison(runs: runs.map { URL(fileURLWithPath: $0) }, horizon: horizon, testEpisodes: testEpisodes,
                                           verifyChecksums: !skipChecksums) { run in
            FileHandle.standardError.write(Data("evaluating \(run.path)\n".utf8))
        }
        print(comparison.text, terminator: "")
        if let report {
            try comparison.report(title: "Foresight: runs compared").write(to: URL(fileURLWithPath: report))
            print("Report: \(report)")
        }
    }
}
