import Foundation
import TensorCore

/// The contrastive objectives of a latent transition model, with gradients.
///
/// `prediction` is `z_t + T(z_t, a_t)`, `next` is `z_{t+1}`, `current` is `z_t` (all `[B, Z]`).
/// - `.hinge`: C-SWM's energy-based hinge loss. With `d(u, v) = ‖u - v‖² / (2σ²)`,
///   `L = mean_i d(pred_i, next_i) + mean_i max(0, margin - d(current_π(i), next_i))`, where the
///   negatives `current_π(i)` are other samples of the batch (a permutation `π` without fixed points).
/// - `.infoNCE`: cross-entropy over in-batch candidates with logits `-‖pred_i - next_j‖² / τ`.
public enum TransitionContrastiveLoss: Codable, Sendable, Equatable {
    case hinge(margin: Float, sigma: Float)
    case infoNCE(temperature: Float)

    /// The loss value and its gradients with respect to the three inputs.
    public struct Result {
        public var loss: Double
        public var gradPrediction: Matrix
        public var gradNext: Matrix
        public var gradCurrent: Matrix
    }

    /// Evaluates the loss; `negatives[i]` is the batch row used as the negative for row `i` (hinge only).
    public func evaluate(prediction: Matrix, next: Matrix, current: Matrix, negatives: [Int]) -> Result {
        precondition(prediction.shape == next.shape && next.shape == current.shape,
                     "TransitionContrastiveLoss: shapes \(prediction.shape), \(next.shape), \(current.shape) differ")
        let b = prediction.rows, z = prediction.cols
        var gp = Matrix(rows: b, cols: z), gn = Matrix(rows: b, cols: z), gc = Matrix(rows: b, cols: z)
        var loss = 0.0
        switch self {
        case let .hinge(margin, sigma):
            precondition(negatives.count == b, "TransitionContrastiveLoss: \(negatives.count) negatives for \(b) rows")
            let inv = 1 / (sigma * sigma), scale = 1 / Float(b)
            for i in 0..<b {
                var positive: Float = 0, negative: Float = 0
                let j = negatives[i]
                for c in 0..<z {
                    let dp = prediction[i, c] - next[i, c]
                    positive += dp * dp
                    let dn = current[j, c] - next[i, c]
                    negative += dn * dn
                    gp[i, c] += dp * inv * scale
                    gn[i, c] -= dp * inv * scale
                }
                loss += Double(positive * 0.5 * inv)
                let energy = negative * 0.5 * inv
                if energy < margin {
                    loss += Double(margin - energy)
                    for c in 0..<z {
                        let dn = current[j, c] - next[i, c]
                        gc[j, c] -= dn * inv * scale
                        gn[i, c] += dn * inv * scale
                    }
                }
            }
            loss /= Double(b)
        case let .infoNCE(temperature):
            var logits = Matrix(rows: b, cols: b)
            for i in 0..<b {
                for j in 0..<b {
                    var d: Float = 0
                    for c in 0..<z {
                        let delta = prediction[i, c] - next[j, c]
                        d += delta * delta
                    }
                    logits[i, j] = -d / temperature
                }
            }
            let lse = logits.rowLogSumExp()
            for i in 0..<b { loss += Double(lse[i] - logits[i, i]) }
            loss /= Double(b)
            logits.softmaxRows()
            for i in 0..<b {
                for j in 0..<b {
                    let g = (logits[i, j] - (i == j ? 1 : 0)) / Float(b)
                    guard g != 0 else { continue }
                    for c in 0..<z {
                        let delta = 2 * (prediction[i, c] - next[j, c]) / temperature
                        gp[i, c] -= g * delta
                        gn[j, c] += g * delta
                    }
                }
            }
        }
        return Result(loss: loss, gradPrediction: gp, gradNext: gn, gradCurrent: gc)
    }

    /// A random permutation of `0..<count` with no fixed points (each row gets another row as negative).
    public static func derangement(count: Int, rng: inout RandomStream) -> [Int] {
        guard count > 1 else { return Array(0..<count) }
        // A random cyclic shift of a shuffled order: position order[i] is paired with order[i + s].
        var order = Array(0..<count)
        rng.shuffle(&order)
        let shift = 1 + rng.int(below: count - 1)
        var result = [Int](repeating: 0, count: count)
        for i in 0..<count { result[order[i]] = order[(i + shift) % count] }
        return result
    }
}
