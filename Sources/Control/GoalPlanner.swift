import Foundation
import Simulation
import TensorCore
import WorldModel

/// A plan made from a snapshot of the state: the control actions to apply from the snapshot's step on, and where
/// the model says the plan leads.
public struct PlannedTrajectory: Sendable, Equatable {
    /// The control step (of the episode) whose state the plan starts from.
    public var step: Int
    /// The control actions to execute from `step` on before replanning (each planned action held its repeats).
    public var actions: [[Float]]
    /// The control actions of the whole plan's mean from `step` on (held), what to go on with while a late plan is made.
    public var wholePlan: [[Float]]
    /// The model's predicted states after each planned (held) action of the whole plan: the plan's ghosts.
    public var predictedStates: [[Float]]
    /// The lowest cost the planner sampled.
    public var cost: Double
    /// Wall-clock time the plan took (ms).
    public var milliseconds: Double
}

/// Receding-horizon planning toward a goal with a run's state model: one `plan(from:step:)` per replanning, with the
/// plan's mean predicted through the model for drawing. The goal can change between plans.
public struct GoalPlanner: Sendable {
    private var control: ModelPredictiveControl
    private var dynamics: ActionRepeat<LearnedDynamics>
    /// The cost the plans minimise (toward `goal`).
    public private(set) var cost: GoalCost
    /// The state labels of the model (and of the states planned from).
    public let labels: [String]
    private var start: Matrix
    private var steps: [Matrix] = [], predictions: [Matrix] = []

    /// A planner on `predictor`'s state model toward `goal`, with `config`, executing `executeSteps` planned actions
    /// each held `actionRepeat` control steps.
    ///
    /// - Throws: `TaskCostError` when the state labels lack a field the goal cost reads.
    public init(predictor: PositionPredictor, goal: TaskGoal, actionSpace: BoxSpace, config: PlannerConfig = .cem,
                executeSteps: Int = 1, actionRepeat: Int = 5, seed: UInt64 = 0) throws {
        control = ModelPredictiveControl(planner: SamplingPlanner(config: config, actionSpace: actionSpace),
                                         executeSteps: executeSteps, seed: seed)
        dynamics = ActionRepeat(LearnedDynamics(predictor), repeats: actionRepeat)
        labels = predictor.record.data.stateLabels
        cost = try GoalCost(goal: goal, labels: labels)
        start = Matrix(rows: 1, cols: predictor.stateSize)
    }

    /// The goal the plans aim at.
    public var goal: TaskGoal { cost.goal }

    /// Aims the next plans at `goal`.
    ///
    /// - Throws: `TaskCostError` when the state has no entries for the goal's object.
    public mutating func setGoal(_ goal: TaskGoal) throws {
        cost = try GoalCost(goal: goal, labels: labels)
    }

    /// Forgets the warm start (a new episode).
    public mutating func reset() {
        control.reset()
    }

    /// Plans from `state`, the state at control step `step`.
    public mutating func plan(from state: [Float], step: Int) -> PlannedTrajectory {
        let started = DispatchTime.now().uptimeNanoseconds
        let actions = control.actions(from: state, model: &dynamics, cost: cost)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let mean = control.plan.map { plan in (0..<plan.horizon).map { plan.action(at: $0) } } ?? actions
        return PlannedTrajectory(step: step, actions: dynamics.held(actions), wholePlan: dynamics.held(mean),
                                 predictedStates: predictedStates(from: state), cost: control.lastCost, milliseconds: milliseconds)
    }

    /// The states after each action of the last plan's mean, rolled out from `state` through the model.
    private mutating func predictedStates(from state: [Float]) -> [[Float]] {
        guard let plan = control.plan else { return [] }
        if steps.count != plan.horizon {
            steps = [Matrix](repeating: Matrix(rows: 1, cols: plan.actionDimension), count: plan.horizon)
            predictions = [Matrix](repeating: Matrix(rows: 1, cols: state.count), count: plan.horizon + 1)
        }
        start.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: state) }
        for h in 0..<plan.horizon {
            steps[h].storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: plan.action(at: h)) }
        }
        dynamics.rollout(from: start, actions: steps, into: &predictions)
        return predictions.dropFirst().map(\.storage)
    }
}
