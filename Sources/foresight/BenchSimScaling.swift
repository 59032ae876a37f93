import ArgumentParser
import Foundation
import Simulation
import Trajectories

/// `foresight bench simulate`: how `simulate` scales from one thread to several.
///
/// Runs the same work (same world, episodes, steps and seed) with 1 thread and with
/// `--threads` threads, in two stages: `collect` (simulation only, episodes dropped) and
/// `record` (the whole command: shards written to a temporary folder and flushed to disk).
/// Reports episodes per second for each and the ratio (the limit is the one-thread rate
/// measured in the same run; the target on 2 cores is 1.8x), and checks that both record
/// runs wrote byte-identical datasets. Each thread count is measured `--repeats` times,
/// alternating, and the best time counts; the CPU-time ratio shows parallel overhead even
/// when other processes share the cores.
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
        let printer = BenchPrinter(json: output.json)
        let threads = threads ?? max(2, ProcessInfo.processInfo.activeProcessorCount)
        let spec = try WorldSpec.named(world)
        var kinds: Set<ObservationKind> = [.state]
        for name in observe.split(separator: ",") {
            guard let kind = ObservationKind(rawValue: String(name)) else {
                throw ValidationError("--observe: unknown observation '\(name)'")
            }
            kinds.insert(kind)
        }
        let settings = ObservationSettings(kinds: kinds, pixelSize: spec.observation.pixelSize)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("foresight-bench-simulate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var load = [0.0, 0, 0]
        _ = getloadavg(&load, 3)
        printer.note("\(spec.name): \(episodes) episodes x \(steps) steps, observations \(observe), random policy; "
            + "1 vs \(threads) threads, best of \(repeats); load average \(String(format: "%.1f", load[0])) on "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores before the run")
        printer.note("collect = simulation only; record = the whole command (shards written and flushed to disk)")

        func collector(_ threads: Int) -> RolloutCollector {
            RolloutCollector(spec: spec, observations: settings, policy: .random, stepsPerEpisode: steps, seed: 1, threads: threads)
        }
        let stages: [(name: String, run: (Int, Int) throws -> Void)] = [
            ("collect", { threads, _ in try collector(threads).collect(episodes: 0..<episodes) { _, _ in } }),
            ("record", { threads, round in
                try collector(threads).record(episodes: episodes, to: scratch.appendingPathComponent("\(threads)-\(round)"),
                                              replaceExisting: false)
            }),
        ]
        try collector(threads).collect(episodes: 0..<threads) { _, _ in }  // warm-up
        var rows: [BenchRow] = []
        for stage in stages {
            printer.progress("timing \(stage.name) ...")
            var best = [1: Timing.worst, threads: Timing.worst]
            for round in 0..<repeats {
                for count in [1, threads] {
                    best[count] = best[count]!.best(try Timing.of { try stage.run(count, round) })
                }
            }
            rows += Timing.rows(stage: stage.name, episodes: episodes, threads: threads,
                                serial: best[1]!, parallel: best[threads]!, target: target)
        }
        let identical = try Self.sameFiles(scratch.appendingPathComponent("1-0"), scratch.appendingPathComponent("\(threads)-0"))
        rows.append(BenchRow(name: "simulate.identical_across_threads", value: identical ? 1 : 0, digits: 0, unit: "bool"))
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "value"),
            BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "seconds", title: "seconds"),
            BenchColumn(key: "cpu_seconds", title: "cpu seconds"), BenchColumn(key: "target", title: "target"),
            BenchColumn(key: "meets_target", title: "met"),
        ])
    }

    /// Wall-clock and CPU seconds of one run.
    struct Timing {
        var wall: Double
        var cpu: Double

        static let worst = Timing(wall: .infinity, cpu: .infinity)

        /// Times `body`.
        static func of(_ body: () throws -> Void) rethrows -> Timing {
            let (wall, cpu) = (ProcessInfo.processInfo.systemUptime, BenchSimulate.processorSeconds())
            try body()
            return Timing(wall: ProcessInfo.processInfo.systemUptime - wall, cpu: BenchSimulate.processorSeconds() - cpu)
        }

        /// The faster of two runs (each field's minimum).
        func best(_ other: Timing) -> Timing { Timing(wall: min(wall, other.wall), cpu: min(cpu, other.cpu)) }

        /// The rows of one stage: the rate with 1 and N threads, the speed-up, and the CPU-time ratio.
        static func rows(stage: String, episodes: Int, threads: Int, serial: Timing, parallel: Timing, target: Double) -> [BenchRow] {
            func rate(_ count: Int, _ timing: Timing) -> BenchRow {
                BenchRow(name: "simulate.\(stage).threads_\(count)", value: Double(episodes) / timing.wall, digits: 1,
                         unit: "episodes/s", [("seconds", .number(timing.wall, digits: 3)), ("cpu_seconds", .number(timing.cpu, digits: 3))])
            }
            let speedUp = serial.wall / parallel.wall
            return [
                rate(1, serial),
                rate(threads, parallel),
                BenchRow(name: "simulate.\(stage).scaling", value: speedUp, unit: "x",
                         [("target", .number(target, digits: 2)), ("meets_target", .text(speedUp >= target ? "yes" : "no")),
                          ("threads", .integer(threads))]),
                BenchRow(name: "simulate.\(stage).cpu_overhead", value: parallel.cpu / serial.cpu, unit: "x"),
            ]
        }
    }

    /// CPU seconds (user + system) this process has used so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Whether two dataset folders hold the same files with the same bytes.
    static func sameFiles(_ a: URL, _ b: URL) throws -> Bool {
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        guard names == (try FileManager.default.contentsOfDirectory(atPath: b.path).sorted()) else { return false }
        return try names.allSatisfy { name in
            try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
        }
    }
}
