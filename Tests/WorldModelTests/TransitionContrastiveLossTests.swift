import Testing
import TensorCore
@testable import WorldModel

@Suite struct TransitionContrastiveLossTests {
    static let losses: [TransitionContrastiveLoss] = [.hinge(margin: 4, sigma: 0.5), .infoNCE(temperature: 0.7)]

    @Test(arguments: losses) func gradientsMatchFiniteDifferences(_ lossKind: TransitionContrastiveLoss) {
        var rng = RandomStream(seed: 11)
        let p = Matrix.normal(rows: 5, cols: 3, std: 0.6, rng: &rng)
        let n = Matrix.normal(rows: 5, cols: 3, std: 0.6, rng: &rng)
        let c = Matrix.normal(rows: 5, cols: 3, std: 0.6, rng: &rng)
        let negatives = TransitionContrastiveLoss.derangement(count: 5, rng: &rng)
        let result = lossKind.evaluate(prediction: p, next: n, current: c, negatives: negatives)
        let h: Float = 1e-3
        for which in 0..<3 {
            for index in 0..<15 {
                var inputs = [p, n, c]
                inputs[which].storage[index] += h
                let plus = lossKind.evaluate(prediction: inputs[0], next: inputs[1], current: inputs[2], negatives: negatives).loss
                inputs[which].storage[index] -= 2 * h
                let minus = lossKind.evaluate(prediction: inputs[0], next: inputs[1], current: inputs[2], negatives: negatives).loss
                let numeric = (plus - minus) / Double(2 * h)
                let analytic = [result.gradPrediction, result.gradNext, result.gradCurrent][which].storage[index]
                #expect(abs(numeric - Double(analytic)) < 2e-2 * max(1, abs(numeric)))
            }
        }
    }

    @Test func hingeIsZeroForPerfectSeparatedPredictions() {
        let z = Matrix([[0, 0], [10, 0], [0, 10]])
        let result = TransitionContrastiveLoss.hinge(margin: 1, sigma: 0.5)
            .evaluate(prediction: z, next: z, current: z, negatives: [1, 2, 0])
        #expect(result.loss == 0)
    }

    @Test func derangementHasNoFixedPoints() {
        var rng = RandomStream(seed: 5)
        for count in 2..<20 {
            let perm = TransitionContrastiveLoss.derangement(count: count, rng: &rng)
            #expect(Set(perm).count == count)
            #expect(perm.enumerated().allSatisfy { $0.offset != $0.element })
        }
    }
}
