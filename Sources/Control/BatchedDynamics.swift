import TensorCore

/// A model a planner rolls many candidate action sequences through at once.
///
/// Shapes: N samples, state dimension D, action dimension A, horizon H. Rows are samples, as
/// everywhere in Foresight. The caller owns every buffer and sizes it once, so a conforming model
/// must not resize `predictions` and should keep its own workspaces across calls: a planning
/// iteration then allocates nothing after the first.
public protocol BatchedDynamics {
    /// Entries of one state row (D).
    var stateDimension: Int { get }
    /// Entries of one action row (A).
    var actionDimension: Int { get }

    /// Predicts where `actions` lead from `starts`.
    ///
    /// - Parameters:
    ///   - starts: [N, D], one start state per sample.
    ///   - actions: H matrices [N, A]; row i of `actions[t]` is sample i's action at step t.
    ///   - predictions: H + 1 matrices [N, D], already shaped. On return `predictions[0]` holds
    ///     `starts` and `predictions[t + 1]` the state after `actions[t]`.
    mutating func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix])

    /// Members that predict on their own (1 for a single model); a planner averages its cost over them.
    var memberCount: Int { get }

    /// Like `rollout(from:actions:into:)`, through member `member` (0..<`memberCount`) alone.
    mutating func rollout(member: Int, from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix])
}

extension BatchedDynamics {
    /// One member: the model itself.
    public var memberCount: Int { 1 }

    /// The model's own rollout (its only member).
    public mutating func rollout(member: Int, from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        rollout(from: starts, actions: actions, into: &predictions)
    }
}
