import Foundation

/// Wall-clock and CPU seconds of one run.
struct Timing {
    var wall: Double
    var cpu: Double

    static let worst = Timing(wall: .infinity, cpu: .infinity)

    /// Times `body`.
    static func of(_ body: () throws -> Void) rethrows -> Timing {
        let (wall, cpu) = (ProcessInfo.processInfo.systemUptime, Timing.processorSeconds())
        try body()
        return Timing(wall: ProcessInfo.processInfo.systemUptime - wall, cpu: Timing.processorSeconds() - cpu)
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

    /// CPU seconds (user + system) this process has used so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
