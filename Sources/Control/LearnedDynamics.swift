import TensorCore
import WorldModel

/// A trained state-space forward model as a planner's dynamics: the batched `Rollout`, one GEMM chain per step.
public struct LearnedDynamics: BatchedDynamics, Sendable {
    private var rollout: Rollout<ForwardModel>
    public let stateDimension: Int
    public let actionDimension: Int

    /// Dynamics of `model`, a state-space model for `stateDimension`-wide states and `actionDimension`-wide actions.
    public init(model: ForwardModel, stateDimension: Int, actionDimension: Int) {
        rollout = Rollout(model: model)
        self.stateDimension = stateDimension
        self.actionDimension = actionDimension
    }

    /// The state-space model of `predictor`'s run.
    public init(_ predictor: PositionPredictor) {
        self.init(model: predictor.model, stateDimension: predictor.stateSize, actionDimension: predictor.actionSize)
    }

    /// The model rolled out.
    public var model: ForwardModel { rollout.model }

    public mutating func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        rollout.run(starts: starts, steps: actions, into: &predictions)
    }
}
