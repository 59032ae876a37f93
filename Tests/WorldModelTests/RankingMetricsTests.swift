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

    @Test func tiesCountForOrAgainstTheCorrectCandidateByRule() {
        // Query 0.5 sits exactly between candidates 0 and 1; candidate 3 is farther.
        let queries = Matrix([[0.5]])
        let candidates = Matrix([[0], [1], [3]])
        let favour = RankingScores(queries: queries, candidates: candidates, correct: [1], ties: .favourCorrect)
        let against = RankingScores(queries: queries, candidates: candidates, correct: [1], ties: .againstCorrect)
        #expect(favour.ranks == [1])
        #expect(against.ranks == [2])
        // The correct candidate may be any row, and candidates may outnumber queries.
        let third = RankingScores(queries: Matrix([[2.9], [0.1]]), candidates: candidates, correct: [2, 0], ties: .againstCorrect)
        #expect(third.ranks == [1, 1])
    }

    /// Two episodes of two steps on a line: frames 0, 1, 2 and 10, 11, 12; predictions hand-placed so that each
    /// protocol gives a different, hand-computed answer.
    @Test func fourProtocolsOnAHandBuiltRollout() {
        let frames = Matrix([[0], [1], [2], [10], [11], [12]])
        let frameIndex = { (episode: Int, step: Int) in episode * 3 + step }
        let stepTargets = (0...2).map { k in frames.gatherRows([frameIndex(0, k), frameIndex(1, k)]) }
        // Rows k · 2 + e: the starts, then the predictions at k = 1 and k = 2.
        let trajectory = Matrix([[0], [10], [0.4], [11.6], [1.0], [11.9]])
        func ranks(_ candidates: RankingProtocol.Candidates, _ direction: RankingProtocol.Direction) -> [[Int]] {
            RankingProtocol(candidates: candidates, direction: direction)
                .scores(trajectory: trajectory, episodes: 2, stepTargets: stepTargets, frames: frames, frameIndex: frameIndex)
                .map(\.ranks)
        }
        // C-SWM's set: each prediction is nearest its own episode's step-k frame, both ways.
        #expect(ranks(.sameStep, .targetsPerPrediction) == [[1, 1], [1, 1]])
        #expect(ranks(.sameStep, .predictionsPerTarget) == [[1, 1], [1, 1]])
        // Every frame: 0.4 is nearer frame 0 than its target 1; 11.6 nearer 12 than 11. At k = 2, 1.0 sits on
        // frame 1 and ties frame 0 (ties count against), so its target 2 ranks third.
        #expect(ranks(.everyFrame, .targetsPerPrediction) == [[2, 2], [3, 1]])
        // Every prediction: frame 1's own prediction 0.4 loses to the k = 2 prediction 1.0 of the same episode.
        #expect(ranks(.everyFrame, .predictionsPerTarget) == [[2, 1], [1, 1]])
    }

    /// The ranks of exact Double distances, the way the first version computed them.
    static func naiveRanks(queries: Matrix, candidates: Matrix, correct: [Int], ties: RankingScores.TieRule) -> [Int] {
        func distance(_ i: Int, _ j: Int) -> Double {
            (0..<queries.cols).reduce(0.0) { total, k in
                let delta = Double(queries[i, k]) - Double(candidates[j, k])
                return total + delta * delta
            }
        }
        return correct.enumerated().map { i, own in
            let ownDistance = distance(i, own)
            return 1 + (0..<candidates.rows).filter { j in
                j != own && (distance(i, j) < ownDistance || (ties == .againstCorrect && distance(i, j) == ownDistance))
            }.count
        }
    }

    @Test(arguments: [RankingScores.TieRule.favourCorrect, .againstCorrect])
    func ranksEqualTheNaiveReferenceWithTiesAndNearTies(ties: RankingScores.TieRule) {
        var rng = RandomStream(seed: 41)
        // 700 candidates (more than one GEMM block of queries, too), a third of them repeated exactly, and
        // queries that sit on candidates or a hair away, so exact ties and near-ties are common.
        var candidateRows = (0..<500).map { _ in (0..<8).map { _ in rng.normal() } }
        candidateRows += (0..<200).map { candidateRows[$0 * 2] }
        let queryRows = (0..<300).map { i -> [Float] in
            let base = candidateRows[(i * 7) % candidateRows.count]
            return i % 3 == 0 ? base : base.map { $0 + rng.normal() * (i % 3 == 1 ? 1e-6 : 0.3) }
        }
        let correct = (0..<300).map { ($0 * 13) % 700 }
        let queries = Matrix(queryRows), candidates = Matrix(candidateRows)
        let scores = RankingScores(queries: queries, candidates: candidates, correct: correct, ties: ties)
        #expect(scores.ranks == Self.naiveRanks(queries: queries, candidates: candidates, correct: correct, ties: ties))
    }
}
