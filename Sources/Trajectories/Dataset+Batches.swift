import Simulation
import TensorCore

/// A mini-batch of transitions `(o_t, a_t, o_{t+1})`, one per row.
public struct TransitionBatch: Sendable {
    /// Observations before the step, `[B, W]` (pixels as `Float` in `[0, 1]`, flattened `H*W*3`).
    public var observation: Matrix
    /// Actions, `[B, A]`.
    public var action: Matrix
    /// Observations after the step, `[B, W]`.
    public var next: Matrix
}

/// A mini-batch of `k`-step windows `(o_t, a_t, o_{t+1}, ..., a_{t+k-1}, o_{t+k})`, one per row.
public struct WindowBatch: Sendable {
    /// `k + 1` matrices `[B, W]`: `observations[j]` holds `o_{t+j}` of every window.
    public var observations: [Matrix]
    /// `k` matrices `[B, A]`: `actions[j]` holds `a_{t+j}` of every window.
    public var actions: [Matrix]

    /// The window length `k` (number of steps).
    public var length: Int { actions.count }
}

extension Dataset {
    /// A random mini-batch of `batchSize` transitions from `split` (drawn with replacement).
    ///
    /// Only the sampled elements are read from the shards.
    public func transitions(split: DatasetSplit, observation kind: ObservationKind = .state,
                            batchSize: Int, rng: inout RandomStream) throws -> TransitionBatch {
        let window = try windows(split: split, length: 1, observation: kind, batchSize: batchSize, rng: &rng)
        return TransitionBatch(observation: window.observations[0], action: window.actions[0], next: window.observations[1])
    }

    /// A random mini-batch of `batchSize` windows of `length` steps from `split` (with replacement).
    ///
    /// Each window is one episode and a start time drawn uniformly from `0...T-length`.
    public func windows(split: DatasetSplit, length: Int, observation kind: ObservationKind = .state,
                        batchSize: Int, rng: inout RandomStream) throws -> WindowBatch {
        let episodes = try nonEmptyIndices(split)
        guard length >= 1, length <= manifest.stepsPerEpisode else {
            throw DatasetError(path: url.path, field: "length",
                               reason: "window length \(length) must be in 1...\(manifest.stepsPerEpisode) (steps per episode)")
        }
        precondition(batchSize > 0, "batchSize must be positive")
        let starts = (0..<batchSize).map { _ in
            (episode: episodes[rng.int(below: episodes.count)],
             time: rng.int(below: manifest.stepsPerEpisode - length + 1))
        }
        return try windows(at: starts, length: length, observation: kind)
    }

    /// Every transition of `split`, in episode then time order (for evaluation).
    ///
    /// This copies the whole split into memory: `episodes * T` rows per matrix.
    public func transitions(split: DatasetSplit, observation kind: ObservationKind = .state) throws -> TransitionBatch {
        let episodes = try nonEmptyIndices(split)
        let steps = manifest.stepsPerEpisode
        var batch = TransitionBatch(
            observation: Matrix(rows: episodes.count * steps, cols: try observationWidth(kind)),
            action: Matrix(rows: episodes.count * steps, cols: manifest.action.width),
            next: Matrix(rows: episodes.count * steps, cols: try observationWidth(kind)))
        for (position, episode) in episodes.enumerated() {
            let rows = (position * steps)..<((position + 1) * steps)
            let observations = try observationRows(kind, episode: episode, times: 0..<(steps + 1))
            let width = batch.observation.cols
            batch.observation.storage.replaceSubrange(rows.lowerBound * width..<rows.upperBound * width,
                                                      with: observations[0..<(steps * width)])
            batch.next.storage.replaceSubrange(rows.lowerBound * width..<rows.upperBound * width,
                                               with: observations[width...])
            let actionWidth = manifest.action.width
            batch.action.storage.replaceSubrange(
                rows.lowerBound * actionWidth..<rows.upperBound * actionWidth,
                with: try read(ShardLayout.actions, episode: episode, rowsPerEpisode: steps,
                               times: 0..<steps, width: actionWidth, as: Float.self))
        }
        return batch
    }

    /// The windows starting at `starts`, gathered into per-time-step matrices.
    func windows(at starts: [(episode: Int, time: Int)], length: Int,
                 observation kind: ObservationKind) throws -> WindowBatch {
        let width = try observationWidth(kind)
        let actionWidth = manifest.action.width
        var batch = WindowBatch(
            observations: Array(repeating: Matrix(rows: starts.count, cols: width), count: length + 1),
            actions: Array(repeating: Matrix(rows: starts.count, cols: actionWidth), count: length))
        for (row, start) in starts.enumerated() {
            let observations = try observationRows(kind, episode: start.episode,
                                                   times: start.time..<(start.time + length + 1))
            for j in 0...length {
                batch.observations[j].storage.replaceSubrange(row * width..<(row + 1) * width,
                                                              with: observations[(j * width)..<((j + 1) * width)])
            }
            let actions = try read(ShardLayout.actions, episode: start.episode, rowsPerEpisode: manifest.stepsPerEpisode,
                                   times: start.time..<(start.time + length), width: actionWidth, as: Float.self)
            for j in 0..<length {
                batch.actions[j].storage.replaceSubrange(row * actionWidth..<(row + 1) * actionWidth,
                                                         with: actions[(j * actionWidth)..<((j + 1) * actionWidth)])
            }
        }
        return batch
    }

    /// The episodes of `split`, or an error if it is empty.
    private func nonEmptyIndices(_ split: DatasetSplit) throws -> [Int] {
        let episodes = episodeIndices(split: split)
        guard !episodes.isEmpty else {
            throw DatasetError(path: url.path, field: "split",
                               reason: "the \(split.rawValue) split of this \(manifest.episodes)-episode dataset is empty")
        }
        return episodes
    }
}
