import TensorCore

/// C-SWM ranking scores of predicted latents against a set of candidate targets.
///
/// Prediction `i` is scored against every target by squared Euclidean distance; its rank is
/// one plus the number of targets strictly closer than its own target `i`. Ties therefore count
/// in favour of the correct match, as in C-SWM's evaluation (the true target is placed first
/// before a stable sort).
public struct RankingScores: Sendable, Equatable {
    /// The 1-based rank of each prediction's true target.
    public let ranks: [Int]

    /// Scores from precomputed ranks.
    public init(ranks: [Int]) {
        self.ranks = ranks
    }

    /// Ranks `predictions` (N x D) against `targets` (N x D), where row `i` of both belong together.
    public init(predictions: Matrix, targets: Matrix) {
        precondition(predictions.rows == targets.rows && predictions.cols == targets.cols,
                     "RankingScores: predictions \(predictions.shape) and targets \(targets.shape) differ")
        let n = predictions.rows, d = predictions.cols
        var ranks = [Int](repeating: 1, count: n)
        predictions.storage.withUnsafeBufferPointer { p in
            targets.storage.withUnsafeBufferPointer { t in
                func distance(_ i: Int, _ j: Int) -> Double {
                    var total = 0.0
                    for c in 0..<d {
                        let delta = Double(p[i * d + c]) - Double(t[j * d + c])
                        total += delta * delta
                    }
                    return total
                }
                for i in 0..<n {
                    let own = distance(i, i)
                    var closer = 0
                    for j in 0..<n where j != i && distance(i, j) < own { closer += 1 }
                    ranks[i] = closer + 1
                }
            }
        }
        self.ranks = ranks
    }

    /// The fraction of predictions whose true target ranks within the first `k`.
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
