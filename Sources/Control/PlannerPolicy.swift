import Foundation
import Simulation
import TensorCore
import WorldModel

/// Model-predictive control as a `Policy`: plans toward a goal with a learned state model and hands out
/// the plan's first actions (each held as the planner assumed) before planning again.
///
/// Lets anything that takes a policy (the viewer) be driven by the planner.
public struct PlannerPolicy: Policy {
    public var name: String { "plan" }
    private var control: ModelPredictiveControl
    private var dynamics: ActionRepeat<LearnedDynamics>
    private let cost: GoalCost
    private var queue: [[Float]] = []
    /// Milliseconds the last plan took, nil before the first.
    public private(set) var lastPlanMilliseconds: Double?

    public var status: String? {
        lastPlanMilliseconds.map { String(format: "plan %.0f ms", $0) }
    }

    /// A planner on `predictor`'s state model toward `goal`, with `config`, executing `executeSteps` planned actions
    /// each held `actionRepeat` control steps.
    ///
    /// - Throws: `TaskCostError` when the state labels lack a field the goal cost reads.
    public init(predictor: PositionPredictor, goal: TaskGoal, actionSpace: BoxSpace, config: PlannerConfig = .cem,
                executeSteps: Int = 1, actionRepeat: Int = 5, seed: UInt64 = 0) throws {
        control = ModelPredictiveControl(planner: SamplingPlanner(config: config, actionSpace: actionSpace),
                                         executeSteps: executeSteps, seed: seed)
        dynamics = ActionRepeat(LearnedDynamics(predictor), repeats: actionRepeat)
        cost = try GoalCost(goal: goal, labels: predictor.record.data.stateLabels)
    }

    public mutating func reset(for environment: Environment, rng: RandomStream) {
        control.reset()
        queue = []
    }

    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        if queue.isEmpty {
            let started = DispatchTime.now().uptimeNanoseconds
            let actions = control.actions(from: observation.state, model: &dynamics, cost: cost)
            lastPlanMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            queue = dynamics.held(actions)
        }
        return queue.removeFirst()
    }
}
