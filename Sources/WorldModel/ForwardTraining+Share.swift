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
