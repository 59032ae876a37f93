import Foundation
import Learning
import TensorCore

/// A stochastic state model evaluated as SAVP evaluates: many sampled futures per held-out start, beside the
/// deterministic state model it was trained from.
///
/// From the first frame of every held-out episode, `samples` futures under the true actions; at step k, per episode,
/// best-of-N (the sample nearest the truth over the counted blocks, as SAVP picks the best of its samples per video)
/// and mean-of-N position error over the first N samples, for all blocks and for the blocks that moved (as
/// `Evaluation.movedObjectError` counts them: each (episode, block) pair that moved weighs the same, so N = 1 and the
/// deterministic model read exactly like `eval`'s moved-objects table). Diversity: the mean distance of a block's
/// samples from their mean at step k, for blocks that moved (where the future is uncertain) and blocks at rest.
/// Realism: `RealismScore` on every k-step window of the held-out episodes, one sample per window, split in halves
/// by episode.
public struct StochasticEvaluation: Sendable {
    /// The sample counts N reported.
    public static let sampleCounts = [1, 10, 100]
    /// The step k at which errors and spread are measured.
    public let horizon: Int
    /// The deterministic model compared against.
    public let deterministicID: ForwardModelID
    /// Best-of-N and mean-of-N object error (metres) by N, all blocks and moved blocks.
    public var bestOf: [Int: Double] = [:], meanOf: [Int: Double] = [:]
    public var movedBestOf: [Int: Double] = [:], movedMeanOf: [Int: Double] = [:]
    /// The deterministic model's object error (metres) at step k, all blocks and moved blocks.
    public var deterministicError = 0.0, deterministicMovedError = 0.0
    /// Mean sample spread (metres) at step k of blocks that moved and of blocks at rest.
    public var movedSpread = 0.0, restingSpread = 0.0
    /// Held-out accuracy of a fresh critic telling true windows from the stochastic model's and the deterministic model's.
    public var realism = 0.0, deterministicRealism = 0.0
    /// The training epochs' losses (the critic's per epoch among them).
    public let history: [StochasticEpochRecord]

    /// Evaluates `file`'s model beside the run's deterministic state model of the same rule on `test` (at least 2
    /// episodes longer than k), noise from `seed`.
    public init(file: StochasticModelFile, models: RunModels, test: EpisodeData, horizon requested: Int = Evaluation.defaultHorizon,
                samples: Int = StochasticEvaluation.sampleCounts.last!, seed: UInt64 = 1) throws {
        let k = min(requested, file.config.horizon, test.steps - 1)
        let e = test.episodeCount
        guard e > 1, k > 0 else { throw RunError.missing(path: "test split", what: "need 2 held-out episodes longer than 1 step") }
        guard let deterministic = models.forward[file.config.source] else {
            throw RunError.missing(path: "run", what: "the \(file.config.source.name) model the stochastic model was trained from")
        }
        horizon = k
        deterministicID = file.config.source
        history = file.history
        let bodies = models.record.data.bodies
        let readout = StateReadout(labels: models.record.data.stateLabels, bodies: bodies)
        let starts = (0..<e).map { test.frame(episode: $0, step: 0) }
        let truth = test.positions.gatherRows(starts.map { $0 + k }), origin = test.positions.gatherRows(starts)
        let actions = test.actions.gatherRows((0..<k).flatMap { h in (0..<e).map { test.transition(episode: $0, step: h) } })
        let startStates = test.states.gatherRows(starts)
        let futures = file.model.sampleFutures(starts: startStates, actions: actions, samples: samples, random: RandomStream(seed: seed))
        let sampled = readout.positions(futures.rows((k * samples * e)..<((k + 1) * samples * e)))
        let single = readout.positions(Evaluation.rollout(deterministic, startStates, actions).rows((k * e)..<((k + 1) * e)))
        let objects = bodies.indices.filter { bodies[$0].isObject }
        let moved = (0..<e).map { ep in objects.filter { Evaluation.distance(truth, origin, row: ep, body: $0) > Evaluation.movedThreshold } }
        for n in StochasticEvaluation.sampleCounts where n <= samples {
            (bestOf[n], meanOf[n]) = StochasticEvaluation.errors(sampled, samples: n, truth: truth, blocks: (0..<e).map { _ in objects })
            (movedBestOf[n], movedMeanOf[n]) = StochasticEvaluation.errors(sampled, samples: n, truth: truth, blocks: moved)
        }
        deterministicError = StochasticEvaluation.errors(single, samples: 1, truth: truth, blocks: (0..<e).map { _ in objects }).mean
        deterministicMovedError = StochasticEvaluation.errors(single, samples: 1, truth: truth, blocks: moved).mean
        (movedSpread, restingSpread) = StochasticEvaluation.spread(sampled, samples: samples, episodes: e, objects: objects, moved: moved)
        (realism, deterministicRealism) = try StochasticEvaluation.realism(file: file, deterministic: deterministic, test: test, horizon: k,
                                                                           seed: seed)
    }

    /// Best-of-n and mean-of-n error over the first n samples (`positions` row `s * E + episode`), counting
    /// `blocks[episode]`; each counted (episode, block) pair weighs the same. NaN when nothing is counted.
    static func errors(_ positions: Matrix, samples n: Int, truth: Matrix, blocks: [[Int]]) -> (best: Double, mean: Double) {
        let e = truth.rows
        var best = 0.0, mean = 0.0, count = 0
        for ep in 0..<e where !blocks[ep].isEmpty {
            var lowest = Double.infinity, sum = 0.0
            for s in 0..<n {
                var error = 0.0
                for body in blocks[ep] {
                    let dx = Double(positions[s * e + ep, 2 * body] - truth[ep, 2 * body])
                    let dy = Double(positions[s * e + ep, 2 * body + 1] - truth[ep, 2 * body + 1])
                    error += (dx * dx + dy * dy).squareRoot()
                }
                lowest = min(lowest, error)
                sum += error
            }
            best += lowest
            mean += sum / Double(n)
            count += blocks[ep].count
        }
        return count > 0 ? (best / Double(count), mean / Double(count)) : (.nan, .nan)
    }

    /// Mean distance of each block's samples from their mean, over moved and over resting (episode, block) pairs.
    static func spread(_ positions: Matrix, samples: Int, episodes e: Int, objects: [Int], moved: [[Int]]) -> (moved: Double, resting: Double) {
        var sums = [0.0, 0.0], counts = [0, 0]
        for ep in 0..<e {
            for body in objects {
                var centre = SIMD2<Double>(0, 0)
                for s in 0..<samples { centre += SIMD2(Double(positions[s * e + ep, 2 * body]), Double(positions[s * e + ep, 2 * body + 1])) }
                centre /= Double(samples)
                var total = 0.0
                for s in 0..<samples {
                    let d = SIMD2(Double(positions[s * e + ep, 2 * body]), Double(positions[s * e + ep, 2 * body + 1])) - centre
                    total += (d * d).sum().squareRoot()
                }
                let kind = moved[ep].contains(body) ? 0 : 1
                sums[kind] += total / Double(samples)
                counts[kind] += 1
            }
        }
        return (counts[0] > 0 ? sums[0] / Double(counts[0]) : .nan, counts[1] > 0 ? sums[1] / Double(counts[1]) : .nan)
    }

    /// `RealismScore` of one sample per k-step window of `test` for the stochastic model, and of the deterministic model.
    static func realism(file: StochasticModelFile, deterministic: ForwardModel, test: EpisodeData, horizon k: Int,
                        seed: UInt64) throws -> (stochastic: Double, deterministic: Double) {
        let windows = (0..<test.episodeCount).flatMap { ep in (0...(test.steps - k)).map { (episode: ep, step: $0) } }
        let w = windows.count
        let trainingWindows = (test.episodeCount / 2) * (test.steps - k + 1)
        let truth = (0...k).map { h in test.states.gatherRows(windows.map { test.frame(episode: $0.episode, step: $0.step + h) }) }
        let actions = (0..<k).map { h in test.actions.gatherRows(windows.map { test.transition(episode: $0.episode, step: $0.step + h) }) }
        let block = Matrix.stacked(actions)
        let coding = CriticWindowCoding(model: deterministic, actions: test.actions, horizon: k)
        let real = coding.encode(starts: truth[0], actions: actions, changes: coding.changes(of: truth))
        func fake(_ trajectory: Matrix) -> Matrix {
            coding.encode(starts: truth[0], actions: actions, changes: coding.changes(of: (0...k).map { trajectory.rows(($0 * w)..<(($0 + 1) * w)) }))
        }
        let score = RealismScore()
        let sampled = file.model.sampleFutures(starts: truth[0], actions: block, samples: 1, random: RandomStream(seed: seed).split(1))
        return (try score.accuracy(real: real, fake: fake(sampled), trainingWindows: trainingWindows),
                try score.accuracy(real: real, fake: fake(Evaluation.rollout(deterministic, truth[0], block)), trainingWindows: trainingWindows))
    }
}
