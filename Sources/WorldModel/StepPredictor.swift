import TensorCore

/// A one-step predictor run on a batch: `next = f(x, a)` for N rows at once.
///
/// Forward models, the contrastive latent transition and the "nothing moves" baseline conform;
/// `Rollout` iterates any of them. Each caller owns a `Workspace` (weights stay shared).
public protocol StepPredictor: Sendable {
    /// The caller-owned buffers of one rollout.
    associatedtype Workspace
    /// Empty buffers (sized on first use).
    func makeWorkspace() -> Workspace
    /// Writes the successors of `x` `[N, D]` under `actions` `[N, A]` into `next` (reshaped to `[N, D]`).
    func predictNext(_ x: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout Workspace)
}

extension ForwardModel: StepPredictor {
    public func makeWorkspace() -> ForwardWorkspace { ForwardWorkspace(for: self) }
}

/// The "nothing moves" baseline: every state stays where it is.
public struct NothingMoves: StepPredictor {
    public init() {}
    public func makeWorkspace() {}
    public func predictNext(_ x: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout Void) {
        next.resize(rows: x.rows, cols: x.cols)
        next.assign(x)
    }
}
