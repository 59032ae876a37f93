import Foundation
import TensorCore

/// InfoNCE with in-batch negatives: each anchor must pick its own positive among the batch's.
///
/// Anchors a and positives p are [B, D]; logits S = a pᵀ / τ [B, B]; the loss is
/// L = 1/B Σ_i −log softmax(S_i)_i. With P = softmax(S) row-wise and I the identity:
/// dL/da = (P − I) p / (τ B), dL/dp = (P − I)ᵀ a / (τ B).
public struct InfoNCELoss: Sendable {
    /// The temperature τ (> 0).
    public var temperature: Float
    /// Scratch for the [B, B] logits, reused across calls.
    private var logits = Matrix(rows: 0, cols: 0)

    /// Creates the loss with temperature τ.
    public init(temperature: Float = 0.1) {
        precondition(temperature > 0, "InfoNCELoss: temperature must be positive")
        self.temperature = temperature
    }

    /// The loss; writes dL/da and dL/dp into the [B, D] gradient buffers.
    public mutating func callAsFunction(anchors a: Matrix, positives p: Matrix,
                                        anchorGradient: inout Matrix, positiveGradient: inout Matrix) -> Float {
        precondition(a.shape == p.shape && anchorGradient.shape == a.shape && positiveGradient.shape == a.shape,
                     "InfoNCELoss: shapes differ (\(a.shape), \(p.shape), \(anchorGradient.shape), \(positiveGradient.shape))")
        let b = a.rows
        if logits.rows != b || logits.cols != b { logits = Matrix(rows: b, cols: b) }
        logits.gemm(a, .none, p, .transposed, alpha: 1 / temperature)
        var total = 0.0
        logits.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<b {
                let row = s.baseAddress! + i * b
                var m = -Float.infinity
                for j in 0..<b { m = max(m, row[j]) }
                // −log softmax(S_i)_i = log Σ_j exp(S_ij − m) − (S_ii − m): finite even when exp(S_ii − m) underflows.
                let shiftedDiagonal = row[i] - m
                var sum: Float = 0
                for j in 0..<b {
                    row[j] = Foundation.exp(row[j] - m)
                    sum += row[j]
                }
                total += Double(Foundation.log(sum)) - Double(shiftedDiagonal)
                for j in 0..<b { row[j] /= sum }
                row[i] -= 1
            }
        }
        let scale = 1 / (temperature * Float(b))
        anchorGradient.gemm(logits, .none, p, .none, alpha: scale)
        positiveGradient.gemm(logits, .transposed, a, .none, alpha: scale)
        return Float(total / Double(b))
    }

    /// The loss and both gradients as new matrices.
    public func gradients(anchors a: Matrix, positives p: Matrix) -> (loss: Float, anchorGradient: Matrix, positiveGradient: Matrix) {
        var copy = self
        var ga = Matrix(rows: a.rows, cols: a.cols), gp = Matrix(rows: p.rows, cols: p.cols)
        let loss = copy(anchors: a, positives: p, anchorGradient: &ga, positiveGradient: &gp)
        return (loss, ga, gp)
    }
}
