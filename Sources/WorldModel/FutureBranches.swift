import Foundation
import TensorCore

/// Sampled futures of a run's stochastic state model as body positions (the viewer's ghost branches).
///
/// Every call draws fresh noise from the next split of its stream, so successive calls show new branches and a
/// given sequence of calls is the same for a seed.
public struct FutureBranches: Sendable {
    /// The stochastic model sampled.
    public let model: StochasticForwardModel
    /// Where the bodies sit in a state.
    public let readout: StateReadout
    private let random: RandomStream
    private var calls = 0

    /// Branches of `model`, for states read by `readout`, noise from `seed`.
    public init(model: StochasticForwardModel, readout: StateReadout, seed: UInt64 = 1) {
        self.model = model
        self.readout = readout
        random = RandomStream(seed: seed)
    }

    /// Loads the stochastic model of the run folder `run` (recorded as `record`); nil when the run has none.
    public init?(run: URL, record: RunRecord) throws {
        guard let file = try StochasticModelFile(in: run, record: record) else { return nil }
        self.init(model: file.model, readout: StateReadout(labels: record.data.stateLabels, bodies: record.data.bodies))
    }

    /// `count` sampled futures from `state` under `actions`: `result[branch][t][b]` is body b after step t + 1 (metres).
    public mutating func positions(state: [Float], actions plan: [[Float]], count: Int) -> [[[SIMD2<Double>]]] {
        guard !plan.isEmpty, count > 0 else { return [] }
        let start = Matrix(rows: 1, cols: state.count, elements: state)
        let futures = model.sampleFutures(starts: start, actions: Matrix(plan), samples: count, random: random.split(calls))
        calls += 1
        return (0..<count).map { branch in (1...plan.count).map { t in readout.positions(futures, row: t * count + branch) } }
    }
}
