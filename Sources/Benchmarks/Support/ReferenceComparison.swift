import TensorCore

/// Times workloads against a square reference SGEMM on the same threads, repetition by repetition.
///
/// Each repetition runs the workload, then the reference once, so other processes slowing the
/// machine affect both alike; a workload's ratio is the median of its per-repetition ratios.
struct ReferenceComparison {
    private let reference: SquareGEMM
    private let stopwatch: Stopwatch
    private let size: Int
    /// The reference's rate in every repetition so far (GFLOP/s).
    private(set) var referenceRates: [Double] = []

    /// A reference of `size`³ (warmed up), and `repetitions` repetitions per workload.
    init(size: Int, repetitions: Int, minimumRepetitionSeconds: Double = 0.02) {
        var rng = RandomStream(seed: 1)
        reference = SquareGEMM(size: size, rng: &rng)
        _ = Stopwatch.seconds(2, reference.multiply)
        stopwatch = Stopwatch(repetitions: repetitions, minimumRepetitionSeconds: minimumRepetitionSeconds)
        self.size = size
    }

    /// The median seconds per call of `body`, its GEMM rate from `flops` per call (GFLOP/s) and that rate's ratio to the reference.
    mutating func measure(_ body: () -> Void, flops: Double) -> (seconds: Double, gflops: Double, ratio: Double) {
        let samples = withoutActuallyEscaping(body) { stopwatch.interleavedSeconds([$0], reference: reference.multiply) }
        let rates = samples.map { flops / $0.bodies[0] / 1e9 }
        let references = samples.map { reference.flops / $0.reference / 1e9 }
        referenceRates += references
        return (median(samples.map { $0.bodies[0] }), median(rates), median(zip(rates, references).map { $0 / $1 }))
    }

    /// The reference's row: its median rate, ratio 1.
    var row: BenchRow {
        BenchRow(name: "sgemm.\(size)", value: median(referenceRates), digits: 1, unit: "GFLOP/s",
                 [("gemm_gflops", .number(median(referenceRates), digits: 1)), ("ratio", .number(1, digits: 2))])
    }
}
