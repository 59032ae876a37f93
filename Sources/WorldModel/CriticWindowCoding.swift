import Learning
import TensorCore

/// How a k-step window of a state trajectory is shown to a critic: one row per window, true or predicted alike.
///
/// Row: `[start, actions, changes]`: the start's input rows of every body (as the forward model reads them, without
/// noise, standardised), the k actions (standardised), and the k steps' changes (the forward model's target rows:
/// every body's change in its own frame for the body-frame model, standardised). Given the start, the changes
/// determine the trajectory, so this is the k-step state sequence in the coordinates the model predicts in; and a
/// critic's gradient with respect to a predicted change is a gradient at the forward network's output.
public struct CriticWindowCoding: Sendable {
    /// How states split into bodies (nil: flat states).
    public let layout: BodyLayout?
    /// Standardises a body's (or a flat model's) input row, noise excluded.
    public let inputNormalizer: Normalizer
    /// Standardises the changes (the forward model's targets).
    public let targetNormalizer: Normalizer
    /// Standardises the actions.
    public let actionNormalizer: Normalizer
    /// Steps per window (k).
    public let horizon: Int

    /// The coding of `model`'s inputs and targets (a deterministic forward model, or a stochastic model's generator
    /// with its last `noiseSize` input columns left out), actions standardised with statistics of `actions` `[N, A]`.
    public init(model: ForwardModel, noiseSize: Int = 0, actions: Matrix, horizon: Int) {
        layout = model.layout
        let base = model.inputNormalizer.count - noiseSize
        inputNormalizer = Normalizer(mean: Array(model.inputNormalizer.mean.prefix(base)), std: Array(model.inputNormalizer.std.prefix(base)))
        targetNormalizer = model.targetNormalizer
        actionNormalizer = Normalizer(fitting: actions)
        self.horizon = horizon
    }

    /// Input (and change) rows per state.
    var rowsPerState: Int { layout?.bodyCount ?? 1 }
    /// Entries of one change row.
    var changeSize: Int { targetNormalizer.count / rowsPerState }
    /// Entries of the start part.
    var startSize: Int { inputNormalizer.count * rowsPerState }
    /// Where step h's changes begin in a row.
    func changeOffset(step h: Int) -> Int { startSize + horizon * actionNormalizer.count + h * rowsPerState * changeSize }

    /// Entries of a window row.
    public var width: Int { changeOffset(step: horizon) }

    /// Window rows `[B, width]` for starts `[B, D]`, k action matrices `[B, A]` and k standardised change matrices
    /// `[B * rowsPerState, changeSize]`.
    public func encode(starts: Matrix, actions: [Matrix], changes: [Matrix]) -> Matrix {
        precondition(actions.count == horizon && changes.count == horizon, "CriticWindowCoding: need \(horizon) steps")
        var start = layout?.inputs(states: starts, actions: actions[0]) ?? Matrix.columns(starts, actions[0])
        inputNormalizer.apply(&start)
        let b = starts.rows, perState = rowsPerState
        var out = Matrix(rows: b, cols: width)
        for n in 0..<b {
            var c = 0
            for r in 0..<perState {
                for j in 0..<start.cols { out[n, c + j] = start[n * perState + r, j] }
                c += start.cols
            }
            for h in 0..<horizon {
                for j in 0..<actionNormalizer.count {
                    out[n, c + j] = (actions[h][n, j] - actionNormalizer.mean[j]) / actionNormalizer.std[j]
                }
                c += actionNormalizer.count
            }
            for h in 0..<horizon {
                for r in 0..<perState {
                    for j in 0..<changeSize { out[n, c + j] = changes[h][n * perState + r, j] }
                    c += changeSize
                }
            }
        }
        return out
    }

    /// The standardised changes `[B * rowsPerState, changeSize]` between consecutive states of a trajectory (k + 1
    /// matrices `[B, D]`).
    public func changes(of states: [Matrix]) -> [Matrix] {
        (0..<(states.count - 1)).map { h in
            var change = layout?.targets(from: states[h], to: states[h + 1]) ?? states[h + 1] - states[h]
            ForwardModel.perBody(&change, layout: layout) { targetNormalizer.apply(&$0) }
            return change
        }
    }

    /// The part of window-row gradients `[B, width]` that falls on step h's changes, as `[B * rowsPerState, changeSize]`.
    public func changeGradient(_ gradient: Matrix, step h: Int) -> Matrix {
        let perState = rowsPerState, offset = changeOffset(step: h)
        var out = Matrix(rows: gradient.rows * perState, cols: changeSize)
        for n in 0..<gradient.rows {
            for r in 0..<perState {
                for j in 0..<changeSize { out[n * perState + r, j] = gradient[n, offset + r * changeSize + j] }
            }
        }
        return out
    }
}
