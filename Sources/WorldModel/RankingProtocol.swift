import TensorCore

/// One way to rank a model's k-step latent predictions against the true encodings of held-out frames.
///
/// Two candidate sets: every frame of every held-out episode (same-episode frames included, so a model
/// must also tell *when* it is, not only *which episode*), or C-SWM's set (the step-k frames of all
/// held-out episodes). Two directions: the true target ranked among the candidates for each prediction
/// (Foresight's), or the prediction ranked among all predictions for each true target (C-SWM's
/// `eval.py`). On every frame, ties count against the correct match; on C-SWM's set, in its favour, as there.
public struct RankingProtocol: Hashable, Sendable, CustomStringConvertible {
    /// Which frames compete with the correct one.
    public enum Candidates: Sendable, CaseIterable {
        /// Every frame of every held-out episode (targets), or every k-step prediction of every episode (predictions).
        case everyFrame
        /// The frames at the same step k of all held-out episodes (C-SWM).
        case sameStep
    }

    /// Which side is ranked.
    public enum Direction: Sendable, CaseIterable {
        /// For each prediction, its true target among the candidate targets.
        case targetsPerPrediction
        /// For each true target, its prediction among the candidate predictions.
        case predictionsPerTarget
    }

    public let candidates: Candidates
    public let direction: Direction

    public init(candidates: Candidates, direction: Direction) {
        self.candidates = candidates
        self.direction = direction
    }

    /// The protocol the quality targets use: targets ranked per prediction, against every frame.
    public static let headline = RankingProtocol(candidates: .everyFrame, direction: .targetsPerPrediction)

    /// All four, the headline first.
    public static let all: [RankingProtocol] = Candidates.allCases.flatMap { c in
        Direction.allCases.map { RankingProtocol(candidates: c, direction: $0) }
    }

    /// A short name for tables: the candidate set, then what is ranked.
    public var description: String {
        (candidates == .everyFrame ? "every frame" : "step-k frames (C-SWM)") + ", "
            + (direction == .targetsPerPrediction ? "targets per prediction" : "predictions per target")
    }

    /// Scores at horizons `1...H` of the open-loop `trajectory` (`[(H + 1) · E, D]`, row `k · E + e` = episode
    /// `e` at step `k`).
    ///
    /// `stepTargets[k]` holds the true encodings of every episode's step `k` (C-SWM's set); `frames` the true
    /// encodings of every held-out frame, where `frameIndex(e, k)` is the row of episode `e`'s step `k`.
    func scores(trajectory: Matrix, episodes e: Int, stepTargets: [Matrix], frames: Matrix,
                frameIndex: (Int, Int) -> Int) -> [RankingScores] {
        let horizon = trajectory.rows / e - 1
        let allPredictions = trajectory.rows(e..<trajectory.rows)
        return (1...horizon).map { k in
            let predictions = trajectory.rows((k * e)..<((k + 1) * e))
            let frameRows = (0..<e).map { frameIndex($0, k) }
            switch (candidates, direction) {
            case (.sameStep, .targetsPerPrediction):
                return RankingScores(predictions: predictions, targets: stepTargets[k])
            case (.sameStep, .predictionsPerTarget):
                return RankingScores(queries: stepTargets[k], candidates: predictions, correct: Array(0..<e), ties: .favourCorrect)
            case (.everyFrame, .targetsPerPrediction):
                return RankingScores(queries: predictions, candidates: frames, correct: frameRows, ties: .againstCorrect)
            case (.everyFrame, .predictionsPerTarget):
                return RankingScores(queries: frames.gatherRows(frameRows), candidates: allPredictions,
                                     correct: (0..<e).map { (k - 1) * e + $0 }, ties: .againstCorrect)
            }
        }
    }
}
