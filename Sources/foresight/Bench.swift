import ArgumentParser

/// `foresight bench ...`: throughput benchmarks reported as ratios against a limit measured in the same run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput against a limit measured in the same run (ratios, not absolute times).",
        subcommands: [BenchBLAS.self, BenchSim.self, BenchSimulate.self, BenchPC.self, BenchRollout.self, BenchView.self])
}
