import Simulation
import TensorCore

/// Receding-horizon control: plan from the current state, execute the plan's first steps, replan
/// from where they led, warm-starting from the rest of the previous plan.
public struct ModelPredictiveControl: Sendable {
    /// The planner (CEM or MPPI) and its buffers.
    public private(set) var planner: SamplingPlanner
    /// Actions executed per plan (1 replans every control step; DINO-WM executes 5).
    public let executeSteps: Int
    /// The plan of the last call (before shifting), nil before the first or after `reset`.
    public private(set) var plan: GaussianPlan?
    /// The lowest cost the last plan sampled.
    public private(set) var lastCost = Double.infinity
    private let root: RandomStream
    private var plansMade = 0

    /// A controller executing `executeSteps` actions of each plan; `seed` fixes every sample drawn.
    public init(planner: SamplingPlanner, executeSteps: Int, seed: UInt64) {
        precondition((1...planner.config.horizon).contains(executeSteps),
                     "execute between 1 and the horizon's steps of each plan")
        self.planner = planner
        self.executeSteps = executeSteps
        root = RandomStream(seed: seed)
    }

    /// Forgets the warm start (for a new episode); the next plan starts around `action` (box centre if nil).
    public mutating func reset(holding action: [Float]? = nil) {
        plan = planner.initialPlan(holding: action)
        plansMade = 0
    }

    /// Plans from `state` with `model` and `cost`; returns the `executeSteps` actions to execute next.
    ///
    /// Plan k draws from `RandomStream(seed).split(k)`, so the same seed, states and model give the
    /// same actions. The next call warm-starts from this plan shifted by `executeSteps`.
    public mutating func actions<Model: BatchedDynamics, Cost: PlanningCost>(
        from state: [Float], model: inout Model, cost: Cost
    ) -> [[Float]] {
        var current = plan ?? planner.initialPlan()
        if plansMade > 0 { current.shift(by: executeSteps, std: planner.actionSpace.spread(planner.config.initialStd)) }
        var rng = root.split(plansMade)
        lastCost = planner.improve(&current, from: state, model: &model, cost: cost, rng: &rng)
        plan = current
        plansMade += 1
        return (0..<executeSteps).map { current.action(at: $0) }
    }
}
