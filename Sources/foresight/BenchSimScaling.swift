import ArgumentParser
import Foundation
import Simulation
import Trajectories

/// `foresight bench simulate`: how `simulate` scales from one thread to several.
///
/// Records the same dataset (same world, episodes, steps and seed) with 1 thread and with
/// `--threads` threads into temporary folders, reports episodes per second for each and the
/// ratio (the limit is the one-thread rate measured in the same run; the target on 2 cores
/// is 1.8x), and checks that both runs wrote byte-identical datasets.
struct BenchSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Scaling of `foresight simulate`: episodes/s with 1 thread vs N threads, same work.")

    @Option(help: "A built-in world or the path of a world YAML file.")
    var world: String = "push"

    @Option(help: "Episodes per run.")
    var episodes: Int = 16

    @Option(help: "Control steps per episode.")
    var steps: Int = 100

    @Option(help: "Observations to record, comma-separated (state is always recorded).")
    var observe: String = "state,pixels"

    @Option(help: "Threads of the parallel run (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The speed-up the parallel run should reach.")
    var target: Double = 1.8

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func validate() throws {
        guard episodes > 0, steps > 0 else { throw ValidationError("--episodes and --steps must be positive") }
        guard threads > 1 else { throw ValidationError("--threads must be at least 2 to measure scaling") }
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

        func measure(threads: Int, episodes: Int, name: String) throws -> Double {
            let collector = RolloutCollector(spec: spec, observations: settings, policy: .random,
                                             stepsPerEpisode: steps, seed: 1, threads: threads)
            let started = ProcessInfo.processInfo.systemUptime
            _ = try collector.record(episodes: episodes, to: scratch.appendingPathComponent(name), replaceExisting: false)
            return ProcessInfo.processInfo.systemUptime - started
        }
        _ = try measure(threads: threads, episodes: threads, name: "warm-up")
        let serial = try measure(threads: 1, episodes: episodes, name: "1")
        let parallel = try measure(threads: threads, episodes: episodes, name: "\(threads)")
        let identical = try Self.sameFiles(scratch.appendingPathComponent("1"), scratch.appendingPathComponent("\(threads)"))

        let serialRate = Double(episodes) / serial
        let parallelRate = Double(episodes) / parallel
        let speedUp = parallelRate / serialRate
        let rows: [(name: String, value: Double, unit: String, extra: String)] = [
            ("simulate.threads.1", serialRate, "episodes/s", ""),
            ("simulate.threads.\(threads)", parallelRate, "episodes/s", ""),
            ("simulate.scaling", speedUp, "x", ",\"target\":\(target),\"threads\":\(threads),\"meets_target\":\(speedUp >= target)"),
            ("simulate.identical", identical ? 1 : 0, "bool", ""),
        ]
        if json {
            for row in rows {
                print("{\"name\":\"\(row.name)\",\"value\":\(row.value),\"unit\":\"\(row.unit)\"\(row.extra)}")
            }
            return
        }
        print("bench simulate: \(spec.name), \(episodes) episodes x \(steps) steps, observations \(observe), random policy")
        print("threads   seconds   episodes/s   speed-up")
        print(String(format: "%7d   %7.2f   %10.2f   %7.2fx", 1, serial, serialRate, 1.0))
        print(String(format: "%7d   %7.2f   %10.2f   %7.2fx   (target %.2fx: %@)", threads, parallel, parallelRate,
                     speedUp, target, speedUp >= target ? "met" : "NOT met"))
        print("datasets identical across thread counts: \(identical ? "yes" : "NO")")
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
