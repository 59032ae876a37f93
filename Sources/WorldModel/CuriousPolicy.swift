import Simulation
import TensorCore

/// Collects data where the model is least sure: among sampled action sequences, it executes the one whose
/// outcome the ensemble's members disagree on most (`EnsembleDisagreement` on the bodies' positions), then
/// samples again.
///
/// The model is read from a `PublishedModel` before each choice (when its version changed), so a learner that
/// keeps training while data is collected steers what comes next: between episodes in `simulate`
/// (`EpisodeLearner`, so datasets stay deterministic), live in the viewer (`LearnerThread`). Until an ensemble is published (a learner's
/// warm-up), the policy acts as `RandomPolicy`. Candidates are `segments` actions drawn uniformly in the action
/// box, each held `hold` control steps; the chosen candidate's first segment is executed.
public struct CuriousPolicy: Policy {
    public var name: String { "curious" }
    /// Where the latest model comes from.
    public let board: PublishedModel
    /// Candidate sequences per choice.
    public let candidates: Int
    /// Held actions per candidate sequence.
    public let segments: Int
    /// Control steps each action is held.
    public let hold: Int
    private var fallback = RandomPolicy()
    private var disagreement: EnsembleDisagreement?
    private var rng = RandomStream(seed: 0)
    private var low: [Float] = [], high: [Float] = []
    private var queue: [[Float]] = []
    private var positions: [Int] = []
    /// The version of the board's model in use (0: none yet).
    private var version = 0

    /// A policy reading its model from `board`, choosing among `candidates` sequences of `segments` actions held `hold` steps.
    public init(board: PublishedModel, candidates: Int = 32, segments: Int = 2, hold: Int = 5) {
        precondition(candidates > 0 && segments > 0 && hold > 0, "CuriousPolicy: sizes must be positive")
        self.board = board
        self.candidates = candidates
        self.segments = segments
        self.hold = hold
    }

    public mutating func reset(for environment: Environment, rng: RandomStream) {
        fallback.reset(for: environment, rng: rng.split(0))
        self.rng = rng.split(1)
        low = environment.actionSpace.low
        high = environment.actionSpace.high
        queue = []
        positions = DataSignature(environment: environment).bodies.flatMap { [$0.xColumn, $0.yColumn] }
        version = 0
        refresh()
    }

    /// Takes the board's latest model when it changed since the last look.
    private mutating func refresh() {
        let latest = board.current
        guard latest.version != version else { return }
        version = latest.version
        disagreement = latest.model.flatMap { $0.ensembleSize > 1 ? EnsembleDisagreement(model: $0, columns: positions) : nil }
    }

    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        if queue.isEmpty { refresh() }
        guard disagreement != nil else { return fallback.action(for: observation, in: environment) }
        if queue.isEmpty {
            let (block, held) = sampleCandidates()
            let chosen = disagreement!.mostDisputed(from: observation.state, candidates: block, count: candidates)
            queue = Array(repeating: held[chosen], count: hold)
        }
        return queue.removeFirst()
    }

    /// `candidates` sequences as a rollout block `[segments * hold * N, A]`, and each one's first action.
    private mutating func sampleCandidates() -> (Matrix, [[Float]]) {
        let n = candidates, a = low.count
        let actions = (0..<(segments * n)).map { _ in (0..<a).map { low[$0] + (high[$0] - low[$0]) * rng.uniform() } }
        var block = Matrix(rows: segments * hold * n, cols: a)
        for segment in 0..<segments {
            for step in 0..<hold {
                for candidate in 0..<n {
                    for j in 0..<a { block[(segment * hold + step) * n + candidate, j] = actions[segment * n + candidate][j] }
                }
            }
        }
        return (block, Array(actions[0..<n]))
    }
}
