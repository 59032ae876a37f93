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
        abstract: "Scaling of `foresight simulate`: episodes/s with 1 thread vs N threads, same work.")

    @Option(help: "A built-in world or the path of a world YAML file.")
    var world: String = "push"

    @Option(help: "Episodes per run.")
    var episodes: Int = 48

    @Option(help: "Control steps per episode.")
    var steps: Int = 100

    @Option(help: "Observations to record, comma-separated (state is always recorded).")
    var observe: String = "state,pixels"

    @Option(help: "Threads of the parallel run (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Measurements of each thread count (the best is reported).")
    var repeats: Int = 3

    @Option(help: "The speed-up the parallel run should reach.")
    var target: Double = 1.8

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func validate() throws {
        guard episodes > 0, steps > 0 else { throw ValidationError("--episodes and --steps must be positive") }
        guard threads > 1 else { throw ValidationError("--threads must be at least 2 to measure scaling") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    }

    func run() throws {
        let spec = WorldSpec.builtInNames.contains(world)
            ? try WorldSpec.builtIn(named: world) : try WorldSpec.load(from: URL(fileURLWithPath: world))
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
        func collector(_ threads: Int) -> RolloutCollector {
            RolloutCollector(spec: spec, observations: settings, policy: .random, stepsPerEpisode: steps, seed: 1, threads: threads)
        }
        // Simulation alone (episodes built in memory and dropped), then the whole command (shards written and flushed).
        let stages: [(name: String, run: (Int, Int) throws -> Void)] = [
            ("collect", { threads, _ in try collector(threads).collect(episodes: 0..<episodes) { _, _ in } }),
            ("record", { threads, round in
                try collector(threads).record(episodes: episodes, to: scratch.appendingPathComponent("\(threads)-\(round)"),
                                              replaceExisting: false)
            }),
        ]
        try collector(threads).collect(episodes: 0..<threads) { _, _ in }  // warm-up
        var results: [Measurement] = []
        for stage in stages {
            var best = [1: Measurement.Time.worst, threads: Measurement.Time.worst]
            for round in 0..<repeats {
                for count in [1, threads] {
                    let time = try Measurement.Time.of { try stage.run(count, round) }
                    best[count] = best[count]!.best(time)
                }
            }
            results.append(Measurement(stage: stage.name, episodes: episodes, threads: threads, serial: best[1]!, parallel: best[threads]!))
        }
        let identical = try Self.sameFiles(scratch.appendingPathComponent("1-0"), scratch.appendingPathComponent("\(threads)-0"))

        if json {
            for result in results {
                for row in result.rows(target: target) { print(row) }
            }
            print("{\"name\":\"simulate.identical\",\"value\":\(identical ? 1 : 0),\"unit\":\"bool\"}")
            print("{\"name\":\"simulate.load_before\",\"value\":\(load[0]),\"unit\":\"load\",\"cores\":\(ProcessInfo.processInfo.activeProcessorCount)}")
            return
        }
        print("bench simulate: \(spec.name), \(episodes) episodes x \(steps) steps, observations \(observe), random policy, best of \(repeats)")
        print("stage     threads   seconds   cpu-seconds   episodes/s   speed-up")
        for result in results {
            print(String(format: "%-8@  %7d   %7.2f   %11.2f   %10.2f   %7.2fx", result.stage, 1, result.serial.wall,
                         result.serial.cpu, Double(episodes) / result.serial.wall, 1.0))
            print(String(format: "%-8@  %7d   %7.2f   %11.2f   %10.2f   %7.2fx   (target %.2fx: %@)", result.stage, threads,
                         result.parallel.wall, result.parallel.cpu, Double(episodes) / result.parallel.wall, result.speedUp,
                         target, result.speedUp >= target ? "met" : "NOT met"))
        }
        print("collect = simulation only; record = the whole command (shards written and flushed to disk)")
        print("datasets identical across thread counts: \(identical ? "yes" : "NO")")
        if load[0] > 0.5 {
            print(String(format: "note: load average %.1f on %d cores before the run: other processes competed for the cores",
                         load[0], ProcessInfo.processInfo.activeProcessorCount))
        }
    }

    /// One stage measured with 1 thread and with N threads.
    struct Measurement {
        /// Wall-clock and CPU seconds of one run.
        struct Time {
            var wall: Double
            var cpu: Double

            static let worst = Time(wall: .infinity, cpu: .infinity)

            /// Times `body`.
            static func of(_ body: () throws -> Void) rethrows -> Time {
                let (wall, cpu) = (ProcessInfo.processInfo.systemUptime, BenchSimulate.processorSeconds())
                try body()
                return Time(wall: ProcessInfo.processInfo.systemUptime - wall, cpu: BenchSimulate.processorSeconds() - cpu)
            }

            /// The faster of two runs (each field's minimum).
            func best(_ other: Time) -> Time { Time(wall: min(wall, other.wall), cpu: min(cpu, other.cpu)) }
        }

        let stage: String
        let episodes: Int
        let threads: Int
        let serial: Time
        let parallel: Time

        var speedUp: Double { serial.wall / parallel.wall }

        /// The JSON lines of this stage.
        func rows(target: Double) -> [String] {
            let name = "simulate.\(stage)"
            return [
                "{\"name\":\"\(name).threads.1\",\"value\":\(Double(episodes) / serial.wall),\"unit\":\"episodes/s\"}",
                "{\"name\":\"\(name).threads.\(threads)\",\"value\":\(Double(episodes) / parallel.wall),\"unit\":\"episodes/s\"}",
                "{\"name\":\"\(name).scaling\",\"value\":\(speedUp),\"unit\":\"x\",\"target\":\(target),\"threads\":\(threads),\"meets_target\":\(speedUp >= target)}",
                "{\"name\":\"\(name).cpu_overhead\",\"value\":\(parallel.cpu / serial.cpu),\"unit\":\"x\"}",
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
