import Simulation
import TensorCore

/// The cross-entropy method or MPPI (by `config.weighting`) over any batched dynamics and cost.
///
/// Deterministic: the same plan, start, model, cost and random stream give the same result. The
/// planner owns its sample, prediction and cost buffers; they are sized at the first call (and again
/// only if the model's state size changes), so later iterations allocate nothing here.
public struct SamplingPlanner: Sendable {
    /// Horizon, sample and elite counts, iterations, weighting, standard deviations.
    public let config: PlannerConfig
    /// Every sampled action is clamped into this box.
    public let actionSpace: BoxSpace

    var workspace: PlannerWorkspace
    /// Each action entry's half-range (the unit of the standard-deviation bounds).
    private let halfRange: [Float]

    /// A planner with `config` over actions in `actionSpace`.
    public init(config: PlannerConfig, actionSpace: BoxSpace) {
        self.config = config
        self.actionSpace = actionSpace
        workspace = PlannerWorkspace(samples: config.samples, elites: config.elites)
        halfRange = actionSpace.spread(1)
    }

    /// A plan to start from: `action` (the box centre when nil) at every step, the initial spread.
    public func initialPlan(holding action: [Float]? = nil) -> GaussianPlan {
        GaussianPlan(horizon: config.horizon, repeating: action ?? actionSpace.center,
                     std: actionSpace.spread(config.initialStd))
    }

    /// Refines `plan` for the model started at `start`; returns the lowest cost sampled in the last iteration.
    ///
    /// Each iteration samples around the plan (sample 0 is its mean), clamps to the action space,
    /// rolls out, scores (averaged over the model's members), and refits the plan to the elites. On return
    /// the plan's mean is the sequence to execute (inside the action space) and its standard deviation the
    /// final spread.
    @discardableResult
    public mutating func improve<Model: BatchedDynamics, Cost: PlanningCost>(
        _ plan: inout GaussianPlan, from start: [Float], model: inout Model, cost: Cost, rng: inout RandomStream
    ) -> Double {
        precondition(plan.horizon == config.horizon && plan.actionDimension == actionSpace.low.count,
                     "the plan's shape does not match the planner's horizon and action space")
        precondition(start.count == model.stateDimension && model.actionDimension == actionSpace.low.count,
                     "the start state or the model's action size does not match")
        workspace.prepare(horizon: config.horizon, stateDimension: start.count, actionDimension: plan.actionDimension)
        workspace.setStarts(start)
        var bestCost = Double.infinity
        for _ in 0..<config.iterations {
            workspace.sample(around: plan, in: actionSpace, rng: &rng)
            workspace.score(model: &model, cost: cost)
            bestCost = workspace.selectElites()
            workspace.refit(&plan, weighting: config.weighting, spread: halfRange,
                            minimumStd: config.minimumStd, maximumStd: config.maximumStd)
        }
        clampMean(&plan)
        return bestCost
    }

    /// Keeps the mean inside the action space (the elites are, so this only guards rounding).
    private func clampMean(_ plan: inout GaussianPlan) {
        let a = plan.actionDimension
        for i in plan.mean.indices {
            plan.mean[i] = min(max(plan.mean[i], actionSpace.low[i % a]), actionSpace.high[i % a])
        }
    }
}
