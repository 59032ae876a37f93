import Foundation
import TensorCore

/// Open-loop evaluation of a trained run on held-out episodes.
///
/// From the first observation of each held-out episode, roll forward in latent space with the true
/// actions; at step `k` rank the prediction against true encodings by every `RankingProtocol` (every
/// frame of every held-out episode, and C-SWM's step-`k` set, in both directions; Hits@1, MRR).
/// Position error: a linear probe (fitted on training data; per body on its slot for a slot encoder,
/// `PositionProbe`) reads body positions from predicted latents; state-space models predict them directly, and their
/// predictions are ranked too, every frame represented by its bodies' positions (`positionRanking`). "Nothing moves"
/// (the first observation, held) is the baseline of both.
public struct Evaluation: Sendable {
    /// The horizons reported in tables (1, 5, 10, clamped to the episode length).
    public let horizons: [Int]
    /// The longest horizon evaluated (curves cover `1...maxHorizon`).
    public let maxHorizon: Int
    /// Ranking scores by protocol, latent model (the transition, latent forward models, nothing moves) and horizon `1...maxHorizon`.
    public var ranking: [RankingProtocol: [EvaluatedModel: [RankingScores]]] = [:]
    /// The number of candidates each ranking protocol scores against.
    public var rankingCandidates: [RankingProtocol: Int] = [:]
    /// Ranking scores of the state-space models (and nothing moves) by protocol, model and horizon, every frame
    /// represented by its bodies' positions: what a latent that held the positions exactly would score with the
    /// state model's dynamics, the ceiling of the latent rows.
    public var positionRanking: [RankingProtocol: [EvaluatedModel: [RankingScores]]] = [:]
    /// Mean object position error (metres) by model and horizon `1...maxHorizon`.
    public var objectError: [EvaluatedModel: [Double]] = [:]
    /// Mean position error (metres) of the objects that moved, by model and horizon `1...maxHorizon`.
    ///
    /// Only (episode, object) pairs whose true displacement from step 0 to step `k` exceeds
    /// `movedThreshold` count; NaN at a horizon where no object moved. In a scripted push most
    /// blocks rest, where "nothing moves" is exact, so `objectError` mostly measures drift on
    /// resting blocks; this figure measures the blocks the pusher actually shoved.
    public var movedObjectError: [EvaluatedModel: [Double]] = [:]
    /// The share of (episode, object) pairs that moved more than `movedThreshold` by horizon `1...maxHorizon`.
    public var movedObjectShare: [Double] = []
    /// Mean robot position error (metres) by model and horizon.
    public var robotError: [EvaluatedModel: [Double]] = [:]
    /// Predicted body positions `[episode][k][body]` (k = 0...maxHorizon) by model, for drawings.
    public var predictedPositions: [EvaluatedModel: [[[SIMD2<Double>]]]] = [:]
    /// True body positions `[episode][k][body]`.
    public var truePositions: [[[SIMD2<Double>]]] = []
    /// Held-out episode count.
    public let episodes: Int
    /// Mean object position error of the probe on true encodings of held-out frames (the probe's floor).
    public var probeError: Double = 0
    /// Mean robot position error of the probe on true encodings of held-out frames.
    public var robotProbeError: Double = 0
    /// Mean object position error of the probe on true encodings of the held-out episodes' first frames (k = 0).
    public var probeErrorAtStart: Double = 0
    /// For a slot encoder, the slot the probe reads each body from (nil: the whole latent); empty otherwise.
    public var bodySlots: [Int?] = []

    /// The open-loop horizon evaluation, the viewer's overlay and the rollout benchmark use unless told otherwise.
    public static let defaultHorizon = 10

    /// An object "moved" over a window when its true position changed by more than this (metres): 1 cm,
    /// well above the simulator's resting jitter and a quarter of the smallest block's radius.
    public static let movedThreshold = 0.01

    /// Evaluates `models` on `test`, fitting the probe on `train`.
    public init(models: RunModels, train: EpisodeData, test: EpisodeData, maxHorizon requested: Int = Evaluation.defaultHorizon) throws {
        let maxHorizon = max(1, min(requested, test.steps))
        self.maxHorizon = maxHorizon
        horizons = [1, 5, 10].filter { $0 <= maxHorizon }.isEmpty ? [maxHorizon] : [1, 5, 10].filter { $0 <= maxHorizon }
        episodes = test.episodeCount
        let encoder = models.contrastive.encoder
        let bodies = models.record.data.bodies
        let readout = StateReadout(labels: models.record.data.stateLabels, bodies: bodies)
        let e = test.episodeCount
        guard e > 1 else { throw RunError.missing(path: "test split", what: "need at least 2 held-out episodes, found \(e)") }

        // Probe z → positions on every training frame.
        let probe = try PositionProbe(encoder: encoder, train: train)
        bodySlots = probe.bodySlots

        let starts = (0..<e).map { test.frame(episode: $0, step: 0) }
        let startPositions = test.positions.gatherRows(starts)
        let truth = (0...maxHorizon).map { k in test.positions.gatherRows(starts.map { $0 + k }) }
        movedObjectShare = (1...maxHorizon).map { k in
            Evaluation.movedShare(truth: truth[k], start: startPositions, bodies: bodies)
        }
        truePositions = (0..<e).map { ep in
            (0...maxHorizon).map { k in Evaluation.bodyPositions(truth[k].row(ep), bodies.count) }
        }
        let everyFrame = encoder.encode(test, frames: Array(0..<test.frameCount))
        let trueLatents = (0...maxHorizon).map { k in everyFrame.gatherRows(starts.map { $0 + k }) }
        for method in RankingProtocol.all {
            rankingCandidates[method] = method.candidates == .sameStep ? e
                : method.direction == .targetsPerPrediction ? test.frameCount : e * maxHorizon
        }
        let readTrue = trueLatents.map { probe.predict($0) }
        probeErrorAtStart = Evaluation.meanError(readTrue[0], truth: truth[0], bodies: bodies, objects: true)
        probeError = (1...maxHorizon).map { k in
            Evaluation.meanError(readTrue[k], truth: truth[k], bodies: bodies, objects: true)
        }.reduce(0, +) / Double(maxHorizon)
        robotProbeError = (1...maxHorizon).map { k in
            Evaluation.meanError(readTrue[k], truth: truth[k], bodies: bodies, objects: false)
        }.reduce(0, +) / Double(maxHorizon)
        // The true actions as one block: row k * e + episode is the action at step k.
        let actions = test.actions.gatherRows((0..<maxHorizon).flatMap { k in (0..<e).map { test.transition(episode: $0, step: k) } })

        // Latent rollouts: ranked against the true encodings, positions read by the probe.
        var latent: [(EvaluatedModel, Matrix)] = [
            (.transition, Evaluation.rollout(LatentTransition(models.contrastive), trueLatents[0], actions)),
        ]
        for rule in ForwardRule.allCases {
            let id = ForwardModelID(space: .latent, rule: rule)
            if let model = models.forward[id] { latent.append((.forward(id), Evaluation.rollout(model, trueLatents[0], actions))) }
        }
        latent.append((.nothingMoves, Evaluation.rollout(NothingMoves(), trueLatents[0], actions)))
        for (name, trajectory) in latent {
            let steps = (0...maxHorizon).map { trajectory.rows(($0 * e)..<(($0 + 1) * e)) }
            for method in RankingProtocol.all {
                ranking[method, default: [:]][name] = method.scores(trajectory: trajectory, episodes: e, stepTargets: trueLatents,
                                                                    frames: everyFrame, frameIndex: test.frame)
            }
            guard name != .nothingMoves else { continue }  // its positions come from the true states below
            record(name, positions: steps.map { probe.predict($0) }, truth: truth, start: startPositions, bodies: bodies)
        }

        // State-space rollouts (and the exact "nothing moves" baseline).
        let startStates = test.states.gatherRows(starts)
        var state: [(EvaluatedModel, Matrix)] = []
        for rule in ForwardRule.allCases {
            let id = ForwardModelID(space: .state, rule: rule)
            if let model = models.forward[id] { state.append((.forward(id), Evaluation.rollout(model, startStates, actions))) }
        }
        state.append((.nothingMoves, Evaluation.rollout(NothingMoves(), startStates, actions)))
        for (name, trajectory) in state {
            let positions = (0...maxHorizon).map { readout.positions(trajectory.rows(($0 * e)..<(($0 + 1) * e))) }
            record(name, positions: positions, truth: truth, start: startPositions, bodies: bodies)
            let stacked = Matrix(rows: positions.count * e, cols: positions[0].cols, elements: positions.flatMap(\.storage))
            for method in RankingProtocol.all {
                positionRanking[method, default: [:]][name] = method.scores(trajectory: stacked, episodes: e, stepTargets: truth,
                                                                            frames: test.positions, frameIndex: test.frame)
            }
        }
    }

    /// The open-loop trajectory of `model` from `starts` under the action block `actions`.
    static func rollout<Model: StepPredictor>(_ model: Model, _ starts: Matrix, _ actions: Matrix) -> Matrix {
        var rollout = Rollout(model: model)
        return rollout.run(starts: starts, actions: actions)
    }

    /// Stores model `name`'s position errors and drawn positions from its predicted positions at steps `0...maxHorizon`.
    private mutating func record(_ name: EvaluatedModel, positions: [Matrix], truth: [Matrix], start: Matrix,
                                 bodies: [EpisodeData.BodyPositionColumns]) {
        let k = 1...maxHorizon
        objectError[name] = k.map { Evaluation.meanError(positions[$0], truth: truth[$0], bodies: bodies, objects: true) }
        movedObjectError[name] = k.map {
            Evaluation.meanError(positions[$0], truth: truth[$0], bodies: bodies, objects: true, movedFrom: start)
        }
        robotError[name] = k.map { Evaluation.meanError(positions[$0], truth: truth[$0], bodies: bodies, objects: false) }
        predictedPositions[name] = (0..<episodes).map { ep in
            positions.map { Evaluation.bodyPositions($0.row(ep), bodies.count) }
        }
    }

    /// Mean Euclidean distance between predicted and true positions of object (or robot) bodies.
    ///
    /// With `start` (positions `[rows, 2 * bodies]` at step 0), only bodies whose true position moved
    /// more than `movedThreshold` from `start` count, and the mean is NaN when none did.
    static func meanError(_ predicted: Matrix, truth: Matrix, bodies: [EpisodeData.BodyPositionColumns], objects: Bool,
                          movedFrom start: Matrix? = nil) -> Double {
        var total = 0.0, count = 0
        for (b, body) in bodies.enumerated() where body.isObject == objects {
            for r in 0..<predicted.rows {
                if let start, distance(truth, start, row: r, body: b) <= movedThreshold { continue }
                total += distance(predicted, truth, row: r, body: b)
                count += 1
            }
        }
        return count > 0 ? total / Double(count) : (start == nil ? 0 : .nan)
    }

    /// The share of object bodies (over rows) whose true position moved more than `movedThreshold` from `start`.
    static func movedShare(truth: Matrix, start: Matrix, bodies: [EpisodeData.BodyPositionColumns]) -> Double {
        var moved = 0, count = 0
        for (b, body) in bodies.enumerated() where body.isObject {
            for r in 0..<truth.rows {
                if distance(truth, start, row: r, body: b) > movedThreshold { moved += 1 }
                count += 1
            }
        }
        return count > 0 ? Double(moved) / Double(count) : 0
    }

    /// The Euclidean distance between body `body`'s positions in row `row` of two `[rows, 2 * bodies]` matrices.
    static func distance(_ a: Matrix, _ b: Matrix, row r: Int, body: Int) -> Double {
        let dx = Double(a[r, 2 * body] - b[r, 2 * body]), dy = Double(a[r, 2 * body + 1] - b[r, 2 * body + 1])
        return (dx * dx + dy * dy).squareRoot()
    }

    static func bodyPositions(_ row: [Float], _ count: Int) -> [SIMD2<Double>] {
        (0..<count).map { SIMD2(Double(row[2 * $0]), Double(row[2 * $0 + 1])) }
    }
}
