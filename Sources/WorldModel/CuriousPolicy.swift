import Simulation
import TensorCore

/// Collects data where the model is least sure: among sampled action sequences, it executes the start of the
/// one whose outcome for the objects the ensemble's members disagree on most (`EnsembleDisagreement`), then
/// samples again.
///
/// Candidates are futures of the random policy's own process (`OrnsteinUhlenbeckProcess`, `horizon` steps each);
/// the chosen one's first `executed` actions are taken and the process continues from where that candidate
/// left it, so curiosity selects among the moves the random policy would make rather than jumping across the
/// action box. Disagreement is measured on the objects' positions only (`disputedColumns`): the robot follows its
/// action predictably, and a young ensemble's disagreement about it would drown the objects'.
///
/// The model is read from a `PublishedModel` before each choice (when its version changed), so a learner that
/// keeps training while data is collected steers what comes next: between episodes in `simulate`
/// (`EpisodeLearner`, so datasets stay deterministic), live in the viewer (`LearnerThread`). Until an ensemble
/// is published (a learner's warm-up), the policy acts as `RandomPolicy`.
public struct CuriousPolicy: Policy {
    public var name: String { "curious" }
    /// Where the latest model comes from.
    public let board: PublishedModel
    /// Candidate sequences per choice.
    public let candidates: Int
    /// Control steps each candidate is rolled out through the ensemble.
    public let horizon: Int
    /// Control steps of the chosen candidate taken before the next choice.
    public let executed: Int
    private var fallback = RandomPolicy()
    private var proposals: OrnsteinUhlenbeckProcess
    private var disagreement: EnsembleDisagreement?
    private var rng = RandomStream(seed: 0)
    private var queue: [[Float]] = []
    private var columns: [Int] = []
    /// The version of the board's model in use (0: none yet).
    private var version = 0

    /// A policy reading its model from `board`, choosing among `candidates` sequences of `horizon` steps and
    /// taking the first `executed` steps of the chosen one.
    public init(board: PublishedModel, candidates: Int = 32, horizon: Int = 10, executed: Int = 5) {
        precondition(candidates > 0 && horizon > 0 && executed > 0, "CuriousPolicy: sizes must be positive")
        precondition(executed <= horizon, "CuriousPolicy: executes \(executed) of \(horizon) steps")
        self.board = board
        self.candidates = candidates
        self.horizon = horizon
        self.executed = executed
        proposals = OrnsteinUhlenbeckProcess(theta: fallback.theta, sigma: fallback.sigma)
    }

    /// The state entries disagreement is measured on: the objects' positions (every body's when the world has no object).
    public static func disputedColumns(in data: DataSignature) -> [Int] {
        let objects = data.bodies.filter(\.isObject)
        return (objects.isEmpty ? data.bodies : objects).flatMap { [$0.xColumn, $0.yColumn] }
    }

    public mutating func reset(for environment: Environment, rng: RandomStream) {
        fallback.reset(for: environment, rng: rng.split(0))
        self.rng = rng.split(1)
        proposals.start(low: environment.actionSpace.low, high: environment.actionSpace.high, rng: &self.rng)
        queue = []
        columns = Self.disputedColumns(in: DataSignature(environment: environment))
        version = 0
        refresh()
    }

    /// Takes the board's latest model when it changed since the last look.
    private mutating func refresh() {
        let latest = board.current
        guard latest.version != version else { return }
        version = latest.version
        disagreement = latest.model.flatMap { $0.ensembleSize > 1 ? EnsembleDisagreement(model: $0, columns: columns) : nil }
    }

    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        if queue.isEmpty { refresh() }
        guard disagreement != nil else { return fallback.action(for: observation, in: environment) }
        if queue.isEmpty {
            let (block, continuations) = sampleCandidates()
            let chosen = disagreement!.mostDisputed(from: observation.state, candidates: block, count: candidates)
            queue = (0..<executed).map { step in (0..<block.cols).map { block[step * candidates + chosen, $0] } }
            proposals = continuations[chosen]
        }
        return queue.removeFirst()
    }

    /// `candidates` futures of the proposal process as a rollout block `[horizon * N, A]` (row `h * N + n` is
    /// candidate n's action at step h), and each one's process after its first `executed` steps.
    private mutating func sampleCandidates() -> (block: Matrix, continuations: [OrnsteinUhlenbeckProcess]) {
        var block = Matrix(rows: horizon * candidates, cols: proposals.state.count)
        var continuations: [OrnsteinUhlenbeckProcess] = []
        for candidate in 0..<candidates {
            var future = proposals
            for step in 0..<horizon {
                for (j, value) in future.step(rng: &rng).enumerated() { block[step * candidates + candidate, j] = value }
                if step + 1 == executed { continuations.append(future) }
            }
        }
        return (block, continuations)
    }
}
