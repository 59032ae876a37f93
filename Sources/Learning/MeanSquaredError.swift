import TensorCore

/// Mean squared error over every element: L = 1/(B·D) Σ (y - t)², y and t [B, D].
public struct MeanSquaredError: Sendable {
    /// Creates the loss.
    public init() {}

    /// The loss of `prediction` against `target`, both [B, D].
    public func callAsFunction(_ prediction: Matrix, _ target: Matrix) -> Float {
        precondition(prediction.shape == target.shape, "MeanSquaredError: shapes differ (\(prediction.shape) vs \(target.shape))")
        var total = 0.0
        prediction.storage.withUnsafeBufferPointer { y in
            target.storage.withUnsafeBufferPointer { t in
                for i in 0..<y.count {
                    let e = Double(y[i]) - Double(t[i])
                    total += e * e
                }
            }
        }
        return Float(total / Double(max(prediction.count, 1)))
    }

    /// The loss, and dL/dy = 2 (y - t) / (B·D) written into `gradient` [B, D].
    public func callAsFunction(_ prediction: Matrix, _ target: Matrix, gradient: inout Matrix) -> Float {
        precondition(prediction.shape == target.shape && gradient.shape == target.shape,
                     "MeanSquaredError: shapes differ (\(prediction.shape), \(target.shape), \(gradient.shape))")
        let scale = 2 / Float(max(prediction.count, 1))
        prediction.storage.withUnsafeBufferPointer { y in
            target.storage.withUnsafeBufferPointer { t in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    for i in 0..<y.count { g[i] = y[i] - t[i] }
                }
            }
        }
        let squares = VectorReductions.sumOfSquares(gradient.storage)
        gradient.scale(by: scale)
        return Float(squares / Double(max(prediction.count, 1)))
    }
}
