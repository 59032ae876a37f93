import Foundation

/// Times code on a monotonic clock: calibration, warm-up, repetitions, median.
public struct Stopwatch {
    /// Untimed runs after calibration, before measuring.
    public var warmUp: Int
    /// Timed repetitions; the median is reported.
    public var repetitions: Int
    /// Each repetition calls the body enough times to last at least this long (seconds),
    /// so that microsecond-scale operations are not lost in clock resolution.
    public var minimumRepetitionSeconds: Double

    /// A stopwatch with `repetitions` timed repetitions of at least `minimumRepetitionSeconds` each.
    public init(warmUp: Int = 1, repetitions: Int = 5, minimumRepetitionSeconds: Double = 0.02) {
        self.warmUp = warmUp
        self.repetitions = repetitions
        self.minimumRepetitionSeconds = minimumRepetitionSeconds
    }

    /// The median duration of one call of `body`, in seconds.
    public func medianSeconds(_ body: () -> Void) -> Double {
        let iterations = calibratedIterations(body)
        for _ in 0..<warmUp { _ = Self.seconds(iterations, body) }
        let samples = (0..<max(repetitions, 1)).map { _ in Self.seconds(iterations, body) / Double(iterations) }
        return median(samples)
    }

    /// Times each of `bodies` and then `reference`, repetition after repetition, so that a
    /// change in machine load (other processes on the cores) affects them alike.
    ///
    /// The bodies are calibrated and warmed up; `reference` is called once per repetition
    /// and must itself last well above the clock resolution. Returns, per repetition, the
    /// seconds per call of each body and of the reference.
    public func interleavedSeconds(_ bodies: [() -> Void], reference: () -> Void) -> [(bodies: [Double], reference: Double)] {
        let iterations = bodies.map { calibratedIterations($0) }
        for (body, count) in zip(bodies, iterations) {
            for _ in 0..<warmUp { _ = Self.seconds(count, body) }
        }
        return (0..<max(repetitions, 1)).map { _ in
            let times = zip(bodies, iterations).map { body, count in Self.seconds(count, body) / Double(count) }
            return (times, Self.seconds(1, reference))
        }
    }

    /// The number of calls that lasts at least `minimumRepetitionSeconds` (also warms up).
    private func calibratedIterations(_ body: () -> Void) -> Int {
        var iterations = 1
        while iterations < 1 << 24 {
            let elapsed = Self.seconds(iterations, body)
            if elapsed >= minimumRepetitionSeconds { break }
            let needed = elapsed > 0 ? Int((minimumRepetitionSeconds * 1.2 / elapsed * Double(iterations)).rounded(.up)) : 16 * iterations
            iterations = min(max(needed, 2 * iterations), 16 * iterations)
        }
        return iterations
    }

    /// Seconds taken by `iterations` consecutive calls of `body`.
    public static func seconds(_ iterations: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations { body() }
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
