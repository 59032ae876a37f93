import ArgumentParser

/// The reference SGEMM and repetitions of the benchmarks that report ratios to a same-run SGEMM.
struct ReferenceOptions: ParsableArguments {
    @Option(help: "Side N of the square reference SGEMM.")
    var referenceSize = 2048

    @Option(help: "Timed repetitions per measurement (the median is reported).")
    var repetitions = 5

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard referenceSize >= 1 else { throw ValidationError("--reference-size must be at least 1, got \(referenceSize)") }
    }
}
