import Foundation
import Testing
import TensorCore
@testable import Learning

@Suite struct LossTests {
    @Test func meanSquaredErrorValueAndGradient() {
        let y = randomMatrix(4, 3, seed: 1), t = randomMatrix(4, 3, seed: 2)
        var g = Matrix(rows: 4, cols: 3)
        let loss = MeanSquaredError()(y, t, gradient: &g)
        let expected = zip(y.storage, t.storage).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 12
        #expect(abs(Double(loss) - expected) < 1e-6)
        #expect(MeanSquaredError()(y, t) == loss)
        let numeric = numericGradient(y.storage) { Double(MeanSquaredError()(Matrix(rows: 4, cols: 3, elements: $0), t)) }
        #expect(relativeError(g.storage, numeric) < 1e-3)
    }

    @Test func infoNCEGradientsMatchFiniteDifferences() {
        let a = randomMatrix(5, 4, seed: 3), p = randomMatrix(5, 4, seed: 4)
        let loss = InfoNCELoss(temperature: 0.5)
        let result = loss.gradients(anchors: a, positives: p)
        func value(_ anchors: Matrix, _ positives: Matrix) -> Double {
            Double(loss.gradients(anchors: anchors, positives: positives).loss)
        }
        let numericA = numericGradient(a.storage, step: 3e-3) { value(Matrix(rows: 5, cols: 4, elements: $0), p) }
        let numericP = numericGradient(p.storage, step: 3e-3) { value(a, Matrix(rows: 5, cols: 4, elements: $0)) }
        #expect(relativeError(result.anchorGradient.storage, numericA) < 1e-3)
        #expect(relativeError(result.positiveGradient.storage, numericP) < 1e-3)
    }

    @Test func infoNCEKnownValues() {
        // Orthogonal unit anchors matched to themselves: logits are 1/τ on the diagonal, 0 elsewhere.
        let identity = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let loss = InfoNCELoss(temperature: 0.25).gradients(anchors: identity, positives: identity).loss
        let expected = -log(exp(4.0) / (exp(4.0) + 2))
        #expect(abs(Double(loss) - expected) < 1e-5)
        // Identical positives for every anchor: chance level, log B.
        let same = Matrix([[1, 2], [1, 2], [1, 2], [1, 2]])
        #expect(abs(Double(InfoNCELoss(temperature: 1).gradients(anchors: same, positives: same).loss) - log(4.0)) < 1e-5)
    }

    @Test func infoNCEStaysFiniteWhenTheMatchIsFarBelowTheBest() {
        // Anchor 0 points away from its own positive: its logit is 200 below the best one, so
        // exp of it underflows to 0; the loss must still be the finite 200 + log(1 + e^-200).
        let anchors = Matrix([[1, 0], [0, 1]])
        let positives = Matrix([[-100, 0], [100, 0]])
        let result = InfoNCELoss(temperature: 1).gradients(anchors: anchors, positives: positives)
        #expect(result.loss.isFinite)
        #expect(abs(Double(result.loss) - (200.0 + log(2.0)) / 2) < 1e-3)
        #expect(result.anchorGradient.isFinite && result.positiveGradient.isFinite)
    }

    @Test func contrastiveHingeGradientsMatchFiniteDifferences() {
        let z = randomMatrix(6, 3, seed: 5, std: 0.7), t = randomMatrix(6, 3, seed: 6, std: 0.3)
        let next = randomMatrix(6, 3, seed: 7, std: 0.7)
        let negatives = [3, 0, 5, 1, 2, 4]
        let loss = ContrastiveHingeLoss(margin: 2)
        func value(_ z: Matrix, _ t: Matrix, _ n: Matrix) -> (Float, Matrix, Matrix, Matrix) {
            var gz = Matrix(rows: 6, cols: 3), gt = gz, gn = gz
            let l = loss(state: z, transition: t, next: n, negatives: negatives,
                         stateGradient: &gz, transitionGradient: &gt, nextGradient: &gn)
            return (l, gz, gt, gn)
        }
        let (l, gz, gt, gn) = value(z, t, next)
        // Some negatives are inside the margin, some outside, none at the kink.
        let negativeDistances = (0..<6).map { b in (0..<3).reduce(Float(0)) { $0 + 0.5 * pow(z[negatives[b], $1] - next[b, $1], 2) } }
        #expect(negativeDistances.contains { $0 < 1.9 } && negativeDistances.contains { $0 > 2.1 })
        #expect(negativeDistances.allSatisfy { abs($0 - 2) > 0.05 })
        let shape = (6, 3)
        func m(_ v: [Float]) -> Matrix { Matrix(rows: shape.0, cols: shape.1, elements: v) }
        #expect(relativeError(gz.storage, numericGradient(z.storage, step: 1e-3) { Double(value(m($0), t, next).0) }) < 1e-3)
        #expect(relativeError(gt.storage, numericGradient(t.storage, step: 1e-3) { Double(value(z, m($0), next).0) }) < 1e-3)
        #expect(relativeError(gn.storage, numericGradient(next.storage, step: 1e-3) { Double(value(z, t, m($0)).0) }) < 1e-3)
        var expected: Float = 0
        for b in 0..<6 {
            let positive = (0..<3).reduce(Float(0)) { $0 + 0.5 * pow(z[b, $1] + t[b, $1] - next[b, $1], 2) }
            expected += positive + max(0, 2 - negativeDistances[b])
        }
        #expect(abs(l - expected / 6) < 1e-5)
    }

    @Test func shuffledNegativesArePermutations() {
        var rng = RandomStream(seed: 9)
        let indices = ContrastiveHingeLoss.shuffledNegatives(count: 10, rng: &rng)
        #expect(indices.sorted() == Array(0..<10))
    }
}
