import Testing
import TensorCore
@testable import WorldModel

@Suite struct RankingMetricsTests {
    /// Hand-computed: targets 0, 1, 3 on a line; predictions 0.2, 2.0 (tied between targets 1 and 3), 0.9.
    @Test func matchesHandComputedExample() {
        let targets = Matrix([[0], [1], [3]])
        let predictions = Matrix([[0.2], [2.0], [0.9]])
        let scores = RankingScores(predictions: predictions, targets: targets)
        // Row 0: own distance 0.04 is the smallest -> rank 1.
        // Row 1: own distance 1, target 2 ties at 1 (tie in favour), nothing closer -> rank 1.
        // Row 2: own distance 4.41; targets 0 (0.81) and 1 (0.01) are closer -> rank 3.
        #expect(scores.ranks == [1, 1, 3])
        #expect(abs(scores.hits(at: 1) - 2.0 / 3.0) < 1e-12)
        #expect(abs(scores.hits(at: 2) - 2.0 / 3.0) < 1e-12)
        #expect(scores.hits(at: 3) == 1)
        #expect(abs(scores.meanReciprocalRank - 7.0 / 9.0) < 1e-12)
    }

    @Test func multidimensionalDistancesAreSquaredEuclidean() {
        // Prediction 0 is at distance² 2 from its own target and 1.25 from target 1 -> rank 2.
        let targets = Matrix([[1, 1], [0.5, -1]])
        let predictions = Matrix([[0, 0], [0.5, -1]])
        let scores = RankingScores(predictions: predictions, targets: targets)
        #expect(scores.ranks == [2, 1])
        #expect(abs(scores.meanReciprocalRank - 0.75) < 1e-12)
    }
}
