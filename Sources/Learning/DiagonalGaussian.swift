import Foundation
import TensorCore

/// Rows of diagonal Gaussians, as a VAE's inference network or learned prior outputs them: per row, n means then n
/// log-variances (`packed` `[B, 2n]`).
///
/// `divergence(from:)` is KL(self ‖ prior) summed over a row's n entries and averaged over rows, with its gradients
/// with respect to both packed outputs, so the networks that produced them can be trained through `MLP.backward`.
public struct DiagonalGaussian: Sendable {
    /// Means then log-variances, `[B, 2n]`.
    public let packed: Matrix

    /// Gaussians from a network's output rows `[B, 2n]` (means first).
    public init(packed: Matrix) {
        precondition(packed.cols % 2 == 0, "DiagonalGaussian: \(packed.cols) columns is not means plus log-variances")
        self.packed = packed
    }

    /// The standard normal N(0, I) in every one of `rows` rows of `size` entries.
    public static func standard(rows: Int, size: Int) -> DiagonalGaussian {
        DiagonalGaussian(packed: Matrix(rows: rows, cols: 2 * size))
    }

    /// Entries per row (n).
    public var size: Int { packed.cols / 2 }
    /// The means `[B, n]`.
    public var mean: Matrix { packed.columns(0..<size) }
    /// The log-variances `[B, n]`.
    public var logVariance: Matrix { packed.columns(size..<(2 * size)) }

    /// Reparameterised samples μ + scale · σ · ε for standard normal draws `epsilon` `[B, n]`.
    public func sample(epsilon: Matrix, scale: Float = 1) -> Matrix {
        precondition(epsilon.rows == packed.rows && epsilon.cols == size, "DiagonalGaussian.sample: ε is \(epsilon.shape)")
        var z = Matrix(rows: packed.rows, cols: size)
        for r in 0..<packed.rows {
            for j in 0..<size { z[r, j] = packed[r, j] + scale * exp(0.5 * packed[r, size + j]) * epsilon[r, j] }
        }
        return z
    }

    /// The gradient with respect to `packed` of a loss whose gradient with respect to the samples
    /// `sample(epsilon:)` is `gradient` `[B, n]`: ∂/∂μ = g, ∂/∂log σ² = g · ε · σ / 2.
    public func sampleGradient(_ gradient: Matrix, epsilon: Matrix) -> Matrix {
        precondition(gradient.shape == epsilon.shape && gradient.rows == packed.rows && gradient.cols == size,
                     "DiagonalGaussian.sampleGradient: gradient \(gradient.shape), ε \(epsilon.shape)")
        var out = Matrix(rows: packed.rows, cols: 2 * size)
        for r in 0..<packed.rows {
            for j in 0..<size {
                out[r, j] = gradient[r, j]
                out[r, size + j] = 0.5 * gradient[r, j] * epsilon[r, j] * exp(0.5 * packed[r, size + j])
            }
        }
        return out
    }

    /// KL(self ‖ prior), summed over each row's entries and averaged over rows, with its gradients with respect to
    /// `self.packed` and `prior.packed`.
    ///
    /// Per entry: ½ [log σp² − log σq² + (σq² + (μq − μp)²) / σp² − 1], zero when the two are the same.
    public func divergence(from prior: DiagonalGaussian) -> (loss: Double, gradient: Matrix, priorGradient: Matrix) {
        precondition(prior.packed.shape == packed.shape, "DiagonalGaussian.divergence: \(packed.shape) against \(prior.packed.shape)")
        let n = size, rows = packed.rows, perRow = 1 / Float(max(rows, 1))
        var gradient = Matrix(rows: rows, cols: 2 * n), priorGradient = Matrix(rows: rows, cols: 2 * n)
        var total = 0.0
        for r in 0..<rows {
            for j in 0..<n {
                let difference = packed[r, j] - prior.packed[r, j]
                let logQ = packed[r, n + j], logP = prior.packed[r, n + j]
                let ratio = exp(logQ - logP), scaledSquare = difference * difference * exp(-logP)
                total += 0.5 * Double(logP - logQ + ratio + scaledSquare - 1)
                gradient[r, j] = perRow * difference * exp(-logP)
                gradient[r, n + j] = perRow * 0.5 * (ratio - 1)
                priorGradient[r, j] = -gradient[r, j]
                priorGradient[r, n + j] = perRow * 0.5 * (1 - ratio - scaledSquare)
            }
        }
        return (total / Double(max(rows, 1)), gradient, priorGradient)
    }
}
