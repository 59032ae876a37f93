import Foundation
import Learning
import Testing
import TensorCore

/// KL between diagonal Gaussians (a VAE's posterior and prior) and the reparameterised sample's gradient.
@Suite struct DiagonalGaussianTests {
    @Test func theDivergenceOfAGaussianFromItselfIsZero() {
        let q = DiagonalGaussian(packed: randomMatrix(5, 6, seed: 1))
        let (loss, gradient, priorGradient) = q.divergence(from: q)
        #expect(abs(loss) < 1e-7)
        #expect(gradient.storage.allSatisfy { abs($0) < 1e-7 } && priorGradient.storage.allSatisfy { abs($0) < 1e-7 })
    }

    @Test func theDivergenceMatchesTheClosedFormOnAHandCase() {
        // One row, two entries: q = N(1, e⁰) against N(0, 1), and q = N(0, e⁻¹) against N(2, e¹).
        let q = DiagonalGaussian(packed: Matrix(rows: 1, cols: 4, elements: [1, 0, 0, -1]))
        let p = DiagonalGaussian(packed: Matrix(rows: 1, cols: 4, elements: [0, 2, 0, 1]))
        // ½ (0 − 0 + 1 + 1 − 1) = 0.5; ½ (1 − (−1) + (e⁻¹ + 4) / e − 1) = ½ (1 + e⁻² + 4 e⁻¹).
        let expected = 0.5 + 0.5 * (1 + exp(-2.0) + 4 * exp(-1.0))
        #expect(abs(q.divergence(from: p).loss - expected) < 1e-6)
        // Against N(0, I): ½ Σ (μ² + σ² − log σ² − 1) = ½ (1 + 1 − 0 − 1) + ½ (0 + e⁻¹ + 1 − 1).
        let standard = DiagonalGaussian.standard(rows: 1, size: 2)
        #expect(abs(q.divergence(from: standard).loss - (0.5 + 0.5 * exp(-1.0))) < 1e-6)
    }

    @Test func divergenceGradientsMatchFiniteDifferences() {
        let q = randomMatrix(4, 6, seed: 2, std: 0.7), p = randomMatrix(4, 6, seed: 3, std: 0.7)
        let (_, gradient, priorGradient) = DiagonalGaussian(packed: q).divergence(from: DiagonalGaussian(packed: p))
        let numeric = numericGradient(q.storage, step: 1e-3) {
            DiagonalGaussian(packed: Matrix(rows: 4, cols: 6, elements: $0)).divergence(from: DiagonalGaussian(packed: p)).loss
        }
        let numericPrior = numericGradient(p.storage, step: 1e-3) {
            DiagonalGaussian(packed: q).divergence(from: DiagonalGaussian(packed: Matrix(rows: 4, cols: 6, elements: $0))).loss
        }
        #expect(relativeError(gradient.storage, numeric) < 1e-3)
        #expect(relativeError(priorGradient.storage, numericPrior) < 1e-3)
    }

    @Test func sampleGradientMatchesFiniteDifferences() {
        let packed = randomMatrix(3, 4, seed: 4, std: 0.5), epsilon = randomMatrix(3, 2, seed: 5), projection = randomMatrix(3, 2, seed: 6)
        let analytic = DiagonalGaussian(packed: packed).sampleGradient(projection, epsilon: epsilon)
        let numeric = numericGradient(packed.storage, step: 1e-3) {
            project(DiagonalGaussian(packed: Matrix(rows: 3, cols: 4, elements: $0)).sample(epsilon: epsilon), projection)
        }
        #expect(relativeError(analytic.storage, numeric) < 1e-3)
    }
}
