/// A rank's part of a batch as a fraction of the whole: its mean gradients and losses times this
/// fraction, summed over the ranks, are the batch's means.
struct Share {
    /// The fraction rows / batch (exactly 1 for the whole batch).
    let weight: Double

    /// The share of `rows` rows in a batch of `batch`.
    init(rows: Int, of batch: Int) {
        weight = Double(rows) / Double(batch)
    }

    /// Multiplies `values` by the share (leaves them untouched, bit for bit, for the whole batch).
    func scale(_ values: inout [Float]) {
        guard weight != 1 else { return }
        let factor = Float(weight)
        values.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] *= factor }
        }
    }
}

/// A training setting that cannot be split across processes.
public enum DistributedTrainingError: Error, CustomStringConvertible, Equatable {
    /// Incremental predictive coding moves the weights inside every inference step.
    case incrementalPredictiveCoding(ranks: Int)

    public var description: String {
        switch self {
        case let .incrementalPredictiveCoding(ranks):
            return "--pc-variant incremental cannot be trained on \(ranks) ranks: its weights move inside every inference step; "
                + "use standard or fixedPrediction, or one process"
        }
    }
}
