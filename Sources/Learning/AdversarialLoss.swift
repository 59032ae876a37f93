import Foundation
import TensorCore

/// The GAN objective a `Critic` and its generator play: scores are the critic's raw outputs (one per row).
///
/// `hinge` (Lim & Ye; SAGAN): critic `mean(relu(1 − s_real)) + mean(relu(1 + s_fake))`, generator `−mean(s_fake)`.
/// `nonSaturating` (Goodfellow et al.): critic `mean(softplus(−s_real)) + mean(softplus(s_fake))` (the logistic loss of a
/// real-vs-fake classifier), generator `mean(softplus(−s_fake))`.
public enum AdversarialLoss: String, Codable, Sendable, CaseIterable {
    case hinge
    case nonSaturating

    /// The critic's loss on real and fake scores `[B, 1]`, and its gradients with respect to each.
    public func criticLoss(real: Matrix, fake: Matrix) -> (loss: Double, real: Matrix, fake: Matrix) {
        var gradReal = Matrix(rows: real.rows, cols: 1), gradFake = Matrix(rows: fake.rows, cols: 1)
        var loss = 0.0
        let nReal = Float(max(real.rows, 1)), nFake = Float(max(fake.rows, 1))
        for r in 0..<real.rows {
            let (value, slope) = term(-real[r, 0])
            loss += Double(value / nReal)
            gradReal[r, 0] = -slope / nReal
        }
        for r in 0..<fake.rows {
            let (value, slope) = term(fake[r, 0])
            loss += Double(value / nFake)
            gradFake[r, 0] = slope / nFake
        }
        return (loss, gradReal, gradFake)
    }

    /// The generator's loss on fake scores `[B, 1]` and its gradient with respect to them.
    public func generatorLoss(fake: Matrix) -> (loss: Double, gradient: Matrix) {
        var gradient = Matrix(rows: fake.rows, cols: 1)
        var loss = 0.0
        let n = Float(max(fake.rows, 1))
        for r in 0..<fake.rows {
            switch self {
            case .hinge:
                loss -= Double(fake[r, 0] / n)
                gradient[r, 0] = -1 / n
            case .nonSaturating:
                let (value, slope) = Self.softplus(-fake[r, 0])
                loss += Double(value / n)
                gradient[r, 0] = -slope / n
            }
        }
        return (loss, gradient)
    }

    /// The critic's per-row penalty of `x` (`1 + x` under the hinge, `softplus(x)` for the logistic loss) and its slope.
    private func term(_ x: Float) -> (value: Float, slope: Float) {
        switch self {
        case .hinge: return 1 + x > 0 ? (1 + x, 1) : (0, 0)
        case .nonSaturating: return Self.softplus(x)
        }
    }

    /// `log(1 + eˣ)` computed without overflow, and its derivative (the logistic sigmoid).
    static func softplus(_ x: Float) -> (value: Float, slope: Float) {
        let value = max(x, 0) + log1p(exp(-abs(x)))
        let slope = x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
        return (value, slope)
    }
}
