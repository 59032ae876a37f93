import TensorCore

/// Forward-model training pairs from a state model's own rollouts (Data as Demonstrator, Venkatraman et al., AAAI 2015).
///
/// A model trained on one-step pairs only ever sees recorded states as inputs, but a rollout feeds it its own
/// predictions, whose small errors it has never learned to correct, so errors compound. These pairs start from the
/// model's predicted states and point at the recorded next state: in every episode, windows of `horizon` steps start
/// at `offset`, `offset + horizon`, …; from each start t the model predicts x̂_{t+j} (j = 1…horizon) under the recorded
/// actions, and every x̂_{t+j} whose next recorded state exists makes a pair: input from (x̂_{t+j}, a_{t+j}), target from
/// the change x_{t+j+1} − x̂_{t+j} (per body, in the model's frames, for factorised models).
public enum RolloutPairs {
    /// The raw (unstandardised) pairs of `model` on `data`; empty when no window fits.
    public static func raw(model: ForwardModel, data: EpisodeData, horizon: Int, offset: Int) -> (inputs: Matrix, targets: Matrix) {
        precondition(horizon >= 1 && (0..<horizon).contains(offset), "RolloutPairs: offset \(offset) outside a horizon of \(horizon)")
        let states = data.states, actions = data.actions
        // Window starts t with at least one pair: t + 1 ≤ steps − 1.
        let starts = (0..<data.episodeCount).flatMap { episode in
            stride(from: offset, through: data.steps - 2, by: horizon).map { (episode: episode, step: $0) }
        }
        guard !starts.isEmpty else { return (Matrix(rows: 0, cols: 0), Matrix(rows: 0, cols: 0)) }
        let n = starts.count
        // Actions past an episode's end are zeros; the states they lead to make no pair.
        var block = Matrix(rows: horizon * n, cols: actions.cols)
        for h in 0..<horizon {
            for (index, start) in starts.enumerated() where start.step + h < data.steps {
                block.copyRows(from: actions, at: start.episode * data.steps + start.step + h, count: 1, to: h * n + index)
            }
        }
        var rollout = Rollout(model: model)
        let predicted = rollout.run(starts: states.gatherRows(starts.map { data.frame(episode: $0.episode, step: $0.step) }),
                                    actions: block)
        var nowRows: [Int] = [], actionRows: [Int] = [], nextRows: [Int] = []
        for j in 1...horizon {
            for (index, start) in starts.enumerated() where start.step + j <= data.steps - 1 {
                nowRows.append(j * n + index)
                actionRows.append(start.episode * data.steps + start.step + j)
                nextRows.append(data.frame(episode: start.episode, step: start.step + j + 1))
            }
        }
        let now = predicted.gatherRows(nowRows)
        return (model.inputs(now, actions: actions.gatherRows(actionRows)), model.targets(from: now, to: states.gatherRows(nextRows)))
    }

    /// The pairs standardised with `model`'s statistics, as the one-step pairs it trains on.
    public static func standardized(model: ForwardModel, data: EpisodeData, horizon: Int, offset: Int) -> (inputs: Matrix, targets: Matrix) {
        var (inputs, targets) = raw(model: model, data: data, horizon: horizon, offset: offset)
        guard inputs.rows > 0 else { return (inputs, targets) }
        model.inputNormalizer.apply(&inputs)
        model.standardizeTargets(&targets)
        return (inputs, targets)
    }
}
