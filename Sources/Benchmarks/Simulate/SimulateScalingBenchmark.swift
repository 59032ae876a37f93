import Foundation
import Simulation
import Trajectories

/// `bench simulate`: how `simulate` scales from one thread to several.
///
/// Runs the same work (same world, episodes, steps and seed) with 1 thread and with
/// `threads` threads, in two stages: `collect` (simulation only, episodes dropped) and
/// `record` (the whole command: shards written to a temporary folder and flushed to disk).
/// Reports episodes per second for each and the ratio (the limit is the one-thread rate
/// measured in the same run; the target on 2 cores is 1.8x), and checks that both record
/// runs wrote byte-identical datasets. Each thread count is measured `repeats` times,
/// alternating, and the best time counts; the CPU-time ratio shows parallel overhead even
/// when other processes share the cores.
public struct SimulateScalingBenchmark {
    /// A built-in world or the path of a world YAML file.
    public var world: String
    /// Episodes per run.
    public var episodes: Int
    /// Control steps per episode.
    public var steps: Int
    /// Observations to record (state is always among them).
    public var kinds: Set<ObservationKind>
    /// Threads of the parallel run (at least 2).
    public var threads: Int
    /// Measurements of each thread count (the best is reported).
    public var repeats: Int
    /// The speed-up the parallel run should reach.
    public var target: Double

    /// A benchmark of `episodes` × `steps` of `world`, 1 thread against `threads`.
    public init(world: String, episodes: Int, steps: Int, kinds: Set<ObservationKind>, threads: Int, repeats: Int, target: Double) {
        self.world = world
        self.episodes = episodes
        self.steps = steps
        self.kinds = kinds.union([.state])
        self.threads = threads
        self.repeats = repeats
        self.target = target
    }

    /// Measures and prints the rows.
    public func run(printer: BenchPrinter) throws {
        let spec = try WorldSpec.named(world)
        let observe = ObservationKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ",")
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

    /// Whether two dataset folders hold the same files with the same bytes.
    static func sameFiles(_ a: URL, _ b: URL) throws -> Bool {
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        guard names == (try FileManager.default.contentsOfDirectory(atPath: b.path).sorted()) else { return false }
        return try names.allSatisfy { name in
            try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
        }
    }
}
