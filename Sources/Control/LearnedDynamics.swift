import TensorCore
import WorldModel

/// A trained state-space forward model as a planner's dynamics: the batched `Rollout`, one GEMM chain per step.
///
/// An ensemble predicts member by member by default (`EnsembleUse.memberCosts`), so that a planner averages its
/// cost over the members' futures (PETS's expectation over an ensemble): an action the members disagree on no
/// longer scores as if their mean were sure; `EnsembleUse.meanPrediction` predicts with the members' mean.
public struct LearnedDynamics: BatchedDynamics, Sendable {
    /// How an ensemble's members make a planner's predictions.
    public enum EnsembleUse: String, Sendable, CaseIterable {
        /// One prediction, the members' mean.
        case meanPrediction = "mean-prediction"
        /// Each member rolls out on its own; the cost is the mean of the members' costs.
        case memberCosts = "member-costs"
    }

    private var rollout: Rollout<ForwardModel>
    /// One rollout per member when the cost is averaged over them; empty otherwise.
    private var memberRollouts: [Rollout<ForwardModel>]
    public let stateDimension: Int
    public let actionDimension: Int

    /// Dynamics of `model`, a state-space model for `stateDimension`-wide states and `actionDimension`-wide actions.
    public init(model: ForwardModel, stateDimension: Int, actionDimension: Int, ensemble: EnsembleUse = .memberCosts) {
        rollout = Rollout(model: model)
        memberRollouts = ensemble == .memberCosts && model.ensembleSize > 1
            ? (0..<model.ensembleSize).map { Rollout(model: model.member($0)) } : []
        self.stateDimension = stateDimension
        self.actionDimension = actionDimension
    }

    /// The state-space model of `predictor`'s run.
    public init(_ predictor: PositionPredictor, ensemble: EnsembleUse = .memberCosts) {
        self.init(model: predictor.model, stateDimension: predictor.stateSize, actionDimension: predictor.actionSize,
                  ensemble: ensemble)
    }

    /// The model rolled out.
    public var model: ForwardModel { rollout.model }

    public var memberCount: Int { max(memberRollouts.count, 1) }

    public mutating func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        rollout.run(starts: starts, steps: actions, into: &predictions)
    }

    public mutating func rollout(member: Int, from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        guard !memberRollouts.isEmpty else { return rollout(from: starts, actions: actions, into: &predictions) }
        memberRollouts[member].run(starts: starts, steps: actions, into: &predictions)
    }
}
