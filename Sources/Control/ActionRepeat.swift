import TensorCore

/// Plans in held actions: each planned action is applied for `repeats` control steps (DINO-WM's frameskip).
///
/// Wraps a one-control-step model so a planning horizon of H actions looks H × `repeats` steps ahead;
/// the predictions the cost sees are the states after each held action.
public struct ActionRepeat<Model: BatchedDynamics>: BatchedDynamics {
    /// The one-step model.
    public private(set) var model: Model
    /// Control steps per planned action, for the next plan.
    public private(set) var repeats: Int
    /// The hold set at creation: `repeats` never exceeds it.
    public let longestHold: Int
    /// Whether `fitHold` shortens the hold as the episode's end nears.
    public let shrinksToDeadline: Bool
    private var expanded: [Matrix] = []
    private var steps: [Matrix] = []

    /// `model` with every planned action held for `repeats` steps; with `shrinksToDeadline`, `fitHold` holds
    /// them for fewer steps when fewer remain.
    public init(_ model: Model, repeats: Int, shrinksToDeadline: Bool = false) {
        precondition(repeats >= 1, "ActionRepeat: repeats must be at least 1")
        self.model = model
        self.repeats = repeats
        longestHold = repeats
        self.shrinksToDeadline = shrinksToDeadline
    }

    /// Sets the hold for a plan of `horizon` actions made with `remainingSteps` control steps left.
    ///
    /// Shrinking: the shortest hold (at most `longestHold`) with which the horizon still reaches the last
    /// step, ⌈remaining / horizon⌉, so the plan ends where the episode is judged and its last actions are
    /// finer than its first (25 steps left with a horizon of 5: held 5; 12 left: 3; 5 or fewer: 1). With one
    /// action executed per plan, an episode simulates as many model steps as with the fixed hold, in more and
    /// shorter plans. Without shrinking the hold stays `longestHold`.
    public mutating func fitHold(remainingSteps: Int, horizon: Int) {
        guard shrinksToDeadline else { return }
        repeats = min(longestHold, max(1, (remainingSteps + horizon - 1) / horizon))
    }

    public var stateDimension: Int { model.stateDimension }
    public var actionDimension: Int { model.actionDimension }

    /// The wrapped model, for callers that configure it between plans (the oracle's start).
    public mutating func withModel<Result>(_ body: (inout Model) throws -> Result) rethrows -> Result {
        try body(&model)
    }

    /// The control actions that carry out planned `actions`: each one `repeats` times, in order.
    public func held(_ actions: [[Float]]) -> [[Float]] {
        actions.flatMap { repeatElement($0, count: repeats) }
    }

    public var memberCount: Int { model.memberCount }

    public mutating func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        heldRollout(member: nil, from: starts, actions: actions, into: &predictions)
    }

    public mutating func rollout(member: Int, from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        heldRollout(member: member, from: starts, actions: actions, into: &predictions)
    }

    /// Rolls the one-step model (member `member`, or the whole model when nil) through every action held `repeats` times.
    private mutating func heldRollout(member: Int?, from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        let total = actions.count * repeats
        if expanded.count != total { expanded = [Matrix](repeating: Matrix(rows: 0, cols: 0), count: total) }
        if steps.count != total + 1 { steps = [Matrix](repeating: Matrix(rows: 0, cols: 0), count: total + 1) }
        for (t, action) in actions.enumerated() {
            for r in 0..<repeats {
                expanded[t * repeats + r].resize(rows: action.rows, cols: action.cols)
                expanded[t * repeats + r].assign(action)
            }
        }
        for index in steps.indices { steps[index].resize(rows: starts.rows, cols: starts.cols) }
        if let member {
            model.rollout(member: member, from: starts, actions: expanded, into: &steps)
        } else {
            model.rollout(from: starts, actions: expanded, into: &steps)
        }
        for t in predictions.indices { predictions[t].assign(steps[t * repeats]) }
    }
}

extension ActionRepeat: Sendable where Model: Sendable {}
