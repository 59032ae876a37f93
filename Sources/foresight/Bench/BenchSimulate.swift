import ArgumentParser
import Benchmarks
import Foundation
import Simulation

/// `foresight bench simulate`: how `simulate` scales from one thread to several (see `SimulateScalingBenchmark`).
struct BenchSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Scaling of `foresight simulate`: episodes/s with 1 thread vs N threads, same work.",
        discussion: """
            Two stages, each run with 1 thread and with --threads threads on the same episodes and \
            seed: "collect" simulates (and renders) the episodes and drops them; "record" is the \
            whole command, writing the shards to a temporary folder and flushing them to disk. The \
            limit is the one-thread rate measured in the same run; the target speed-up on 2 cores \
            is 1.8x. Each count is measured --repeats times, alternating, and the best run counts. \
            cpu_overhead is the CPU time with N threads over the CPU time with 1 (1.00 = no \
            parallel overhead), meaningful even when other processes share the cores. The two \
            record runs must write byte-identical datasets.
            """)

    @Option(help: "A built-in world or the path of a world YAML file.")
    var world: String = "push"

    @Option(help: "Episodes per run.")
    var episodes: Int = 200

    @Option(help: "Control steps per episode.")
    var steps: Int = 100

    @Option(help: "Observations to record, comma-separated (state is always recorded).")
    var observe: String = "state,pixels"

    @Option(help: "Threads of the parallel run (default: all cores, at least 2).")
    var threads: Int?

    @Option(help: "Measurements of each thread count (the best is reported).")
    var repeats: Int = 3

    @Option(help: "The speed-up the parallel run should reach.")
    var target: Double = 1.8

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        guard episodes > 0, steps > 0 else { throw ValidationError("--episodes and --steps must be positive") }
        if let threads, threads < 2 { throw ValidationError("--threads must be at least 2 to measure scaling") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    }

    func run() throws {
        let kinds: Set<ObservationKind> = try OptionChoice.parseList(observe, option: "--observe").union([.state])
        try SimulateScalingBenchmark(
            world: world, episodes: episodes, steps: steps, kinds: kinds,
            threads: threads ?? max(2, ProcessInfo.processInfo.activeProcessorCount), repeats: repeats, target: target
        ).run(printer: output.printer)
    }
}
