import TensorCore

/// The batched open-loop rollout that evaluation, the viewer overlay and planners share.
///
/// From N start states (or latents) `[N, D]` and an action block `[H * N, A]` (row `h * N + n` is start
/// n's action at step h), the predicted trajectory `[(H + 1) * N, D]` (row `h * N + n`, step 0 the starts):
/// one pass of the model (one GEMM chain) per step for all N. Allocates nothing after the first run for a
/// given N and H.
public struct Rollout<Model: StepPredictor> {
    /// The model rolled out.
    public let model: Model
    private var workspace: Model.Workspace
    private var current = Matrix(rows: 0, cols: 0)
    private var action = Matrix(rows: 0, cols: 0)
    private var next = Matrix(rows: 0, cols: 0)

    /// A rollout of `model` with its own buffers.
    public init(model: Model) {
        self.model = model
        workspace = model.makeWorkspace()
    }

    /// A rollout of `model` through `workspace` (one prepared by the caller, such as a stochastic model's seeded noise).
    public init(model: Model, workspace: Model.Workspace) {
        self.model = model
        self.workspace = workspace
    }

    /// Writes the trajectory from `starts` `[N, D]` under `actions` `[H * N, A]` into `states` (`[(H + 1) * N, D]`).
    public mutating func run(starts: Matrix, actions: Matrix, into states: inout Matrix) {
        let n = starts.rows
        precondition(n > 0 && actions.rows % n == 0, "Rollout: \(actions.rows) action rows for \(n) starts (need H * N)")
        let horizon = actions.rows / n
        states.resize(rows: (horizon + 1) * n, cols: starts.cols)
        states.copyRows(from: starts, at: 0, count: n, to: 0)
        current.resize(rows: n, cols: starts.cols)
        current.assign(starts)
        action.resize(rows: n, cols: actions.cols)
        for h in 0..<horizon {
            action.copyRows(from: actions, at: h * n, count: n, to: 0)
            model.predictNext(current, actions: action, into: &next, workspace: &workspace)
            states.copyRows(from: next, at: 0, count: n, to: (h + 1) * n)
            swap(&current, &next)
        }
    }

    /// Writes the trajectory from `starts` `[N, D]` under `steps` (H matrices `[N, A]`) into `states`
    /// (H + 1 matrices, reshaped to `[N, D]`; `states[0]` the starts).
    public mutating func run(starts: Matrix, steps: [Matrix], into states: inout [Matrix]) {
        precondition(states.count == steps.count + 1, "Rollout: \(states.count) state buffers for \(steps.count) steps")
        states[0].resize(rows: starts.rows, cols: starts.cols)
        states[0].assign(starts)
        for h in steps.indices {
            model.predictNext(states[h], actions: steps[h], into: &next, workspace: &workspace)
            states[h + 1].resize(rows: starts.rows, cols: starts.cols)
            states[h + 1].assign(next)
        }
    }

    /// The trajectory from `starts` `[N, D]` under `actions` `[H * N, A]`: `[(H + 1) * N, D]`.
    public mutating func run(starts: Matrix, actions: Matrix) -> Matrix {
        var states = Matrix(rows: 0, cols: 0)
        run(starts: starts, actions: actions, into: &states)
        return states
    }
}

extension Rollout: Sendable where Model: Sendable, Model.Workspace: Sendable {}
