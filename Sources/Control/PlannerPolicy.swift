import Foundation
import Simulation
import TensorCore
import WorldModel

/// Model-predictive control as a `Policy`: plans toward a goal with a learned state model and hands out
/// the plan's first actions (each held as the planner assumed) before planning again.
///
/// Lets anything that takes a policy (the viewer) be driven by the planner. In the background mode the plans are made
/// off the caller's thread from a snapshot of the state: the robot carries on with the whole previous plan (then holds
/// its last action) until the next one arrives, and replans as soon as one is in; the actions a late plan planned for
/// steps already taken are skipped. The synchronous mode plans when the executed part runs out, deterministically.
public struct PlannerPolicy: Policy {
    public var name: String { "plan" }
    /// The planner (shared: the viewer reads its plans and sets its goal).
    public let planner: BackgroundPlanner
    private var queue: [[Float]] = []
    private var lastAction: [Float]?

    /// The last plan's time.
    public var status: String? {
        planner.latest.map { String(format: "plan %.0f ms", $0.milliseconds) }
    }

    /// A planner on `predictor`'s state model toward `goal`, with `config`, executing `executeSteps` planned actions
    /// each held `actionRepeat` control steps, planning in `mode`.
    ///
    /// - Throws: `TaskCostError` when the state labels lack a field the goal cost reads.
    public init(predictor: PositionPredictor, goal: TaskGoal, actionSpace: BoxSpace, config: PlannerConfig = .cem,
                executeSteps: Int = 1, actionRepeat: Int = 5, seed: UInt64 = 0, mode: BackgroundPlanner.Mode = .synchronous) throws {
        planner = BackgroundPlanner(try GoalPlanner(predictor: predictor, goal: goal, actionSpace: actionSpace, config: config,
                                                    executeSteps: executeSteps, actionRepeat: actionRepeat, seed: seed),
                                    mode: mode)
    }

    public mutating func reset(for environment: Environment, rng: RandomStream) {
        planner.reset()
        queue = []
        lastAction = nil
    }

    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        let step = environment.stepCount
        takeFinishedPlan(at: step)
        if planner.mode == .background || queue.isEmpty {
            planner.request(state: observation.state, step: step)
            takeFinishedPlan(at: step)
        }
        let action = queue.isEmpty ? lastAction ?? environment.actionToward(environment.toolPosition) : queue.removeFirst()
        lastAction = action
        return action
    }

    /// Replaces the queue with the plan finished since the last look, without the actions for steps already taken.
    private mutating func takeFinishedPlan(at step: Int) {
        guard let plan = planner.take() else { return }
        let actions = planner.mode == .background ? plan.wholePlan : plan.actions
        queue = Array(actions.dropFirst(max(0, step - plan.step)))
    }
}
