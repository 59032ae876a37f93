import ArgumentParser

/// `foresight bench ...`: throughput benchmarks reported as ratios against a limit measured in the same run.
///
/// Each subcommand here only parses and checks its arguments; the workload, the measurement and the
/// rows it prints live in the `Benchmarks` module (`BLASBenchmark`, `SimBenchmark`, ...). A new
/// benchmark is a type there with a `run(printer:)`, a `ParsableCommand` in this folder that builds
/// it, and an entry in `subcommands` below.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput against a limit measured in the same run (ratios, not absolute times).",
        subcommands: [BenchBLAS.self, BenchSim.self, BenchSimulate.self, BenchPC.self, BenchRollout.self, BenchPlan.self, BenchView.self])
}
