import TensorCore

/// Ranking scores of queries against a set of candidates, each query with one correct candidate.
///
/// Query `i` is scored against every candidate by squared Euclidean distance; its rank is one plus the
/// number of candidates closer than its correct one. `TieRule` says how candidates at exactly the
/// correct one's distance count: C-SWM's evaluation counts them in the query's favour (its true target
/// is placed first before a stable sort); the stricter rule counts them against it, so a model that
/// predicts the same latent for several steps cannot rank any of them first.
public struct RankingScores: Sendable, Equatable {
    /// How candidates tied with the correct one count.
    public enum TieRule: Sendable {
        /// Ties do not lower the rank (C-SWM).
        case favourCorrect
        /// Every tied candidate ranks before the correct one.
        case againstCorrect
    }

    /// The 1-based rank of each query's correct candidate.
    public let ranks: [Int]

    /// Scores from precomputed ranks.
    public init(ranks: [Int]) {
        self.ranks = ranks
    }

    /// Ranks `predictions` (N x D) against `targets` (N x D), where row `i` of both belong together (C-SWM's rule for ties).
    public init(predictions: Matrix, targets: Matrix) {
        precondition(predictions.rows == targets.rows, "RankingScores: \(predictions.rows) predictions but \(targets.rows) targets")
        self.init(queries: predictions, candidates: targets, correct: Array(0..<predictions.rows), ties: .favourCorrect)
    }

    /// Ranks each row of `queries` (N x D) against every row of `candidates` (M x D); `correct[i]` is the candidate
    /// query `i` belongs with.
    public init(queries: Matrix, candidates: Matrix, correct: [Int], ties: TieRule) {
        precondition(queries.cols == candidates.cols, "RankingScores: queries \(queries.shape) and candidates \(candidates.shape) differ in width")
        precondition(correct.count == queries.rows && correct.allSatisfy { candidates.rows > $0 && $0 >= 0 },
                     "RankingScores: \(correct.count) correct indices for \(queries.rows) queries and \(candidates.rows) candidates")
        let d = queries.cols, m = candidates.rows, n = queries.rows
        let exact = ExactDistances(queries: queries, candidates: candidates)
        // Float GEMM gives every distance up to a bound; only candidates within the bound of the correct one's
        // exact distance are measured exactly, so the ranks are those of exact (Double) distances.
        let relativeBound = 4 * Double(d) * Double(Float.ulpOfOne)
        let maxCandidateNorm = exact.candidateNorms.max() ?? 0
        var ranks = [Int](repeating: 0, count: n)
        let block = 256
        // One block's query · candidate products, reused (GEMM with beta 0 overwrites what it covers).
        var products = [Float](repeating: 0, count: min(block, n) * m)
        queries.storage.withUnsafeBufferPointer { q in
            candidates.storage.withUnsafeBufferPointer { c in
                for first in stride(from: 0, to: n, by: block) {
                    let rows = min(block, n - first)
                    products.withUnsafeMutableBufferPointer { out in
                        BLAS.gemm(.none, .transposed, m: rows, n: m, k: d, a: q.baseAddress! + first * d, lda: d,
                                  b: c.baseAddress, ldb: d, c: out.baseAddress, ldc: m)
                    }
                    for i in first..<(first + rows) {
                        let own = exact.distance(i, correct[i])
                        let queryNorm = exact.queryNorms[i]
                        let bound = relativeBound * (queryNorm + maxCandidateNorm) + Double.leastNormalMagnitude
                        var before = 0
                        for j in 0..<m where j != correct[i] {
                            let approximate = queryNorm + exact.candidateNorms[j] - 2 * Double(products[(i - first) * m + j])
                            let other = approximate < own - bound || approximate > own + bound ? approximate : exact.distance(i, j)
                            if other < own || (ties == .againstCorrect && other == own) { before += 1 }
                        }
                        ranks[i] = before + 1
                    }
                }
            }
        }
        self.ranks = ranks
    }

    /// The fraction of queries whose correct candidate ranks within the first `k`.
    public func hits(at k: Int) -> Double {
        guard !ranks.isEmpty else { return 0 }
        return Double(ranks.filter { $0 <= k }.count) / Double(ranks.count)
    }

    /// Mean reciprocal rank.
    public var meanReciprocalRank: Double {
        guard !ranks.isEmpty else { return 0 }
        return ranks.reduce(0.0) { $0 + 1.0 / Double($1) } / Double(ranks.count)
    }
}

/// Squared Euclidean distances between rows of two Float matrices, summed in Double.
private struct ExactDistances {
    let queries: [Double], candidates: [Double], width: Int
    /// Squared norms of the query and candidate rows.
    let queryNorms: [Double], candidateNorms: [Double]

    init(queries: Matrix, candidates: Matrix) {
        width = queries.cols
        self.queries = queries.storage.map(Double.init)
        self.candidates = candidates.storage.map(Double.init)
        let d = width
        queryNorms = (0..<queries.rows).map { [q = self.queries] i in (0..<d).reduce(0.0) { $0 + q[i * d + $1] * q[i * d + $1] } }
        candidateNorms = (0..<candidates.rows).map { [c = self.candidates] j in (0..<d).reduce(0.0) { $0 + c[j * d + $1] * c[j * d + $1] } }
    }

    /// The squared distance between query `i` and candidate `j`.
    func distance(_ i: Int, _ j: Int) -> Double {
        var total = 0.0
        for k in 0..<width {
            let delta = queries[i * width + k] - candidates[j * width + k]
            total += delta * delta
        }
        return total
    }
}
