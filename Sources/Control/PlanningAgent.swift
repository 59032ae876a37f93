import Foundation
import Simulation
import TensorCore

/// What drives a planning episode: a planner on a model (learned or the true simulator), or a plain policy.
public enum PlanningAgent {
    /// Model-predictive control on the true simulator (the upper bound: only the planner can fail).
    case oracle(ModelPredictiveControl, ActionRepeat<OracleDynamics>)
    /// Model-predictive control on a learned state-space forward model.
    case learned(ModelPredictiveControl, ActionRepeat<LearnedDynamics>)
    /// A policy that ignores the goal (the scripted and random baselines).
    case policy(any Policy)

    /// Prepares for an episode that starts in `environment` (seeded by `rng` for policies).
    mutating func reset(for environment: Environment, rng: RandomStream) {
        switch self {
        case .oracle(var control, let model):
            control.reset()
            self = .oracle(control, model)
        case .learned(var control, let model):
            control.reset()
            self = .learned(control, model)
        case var .policy(policy):
            policy.reset(for: environment, rng: rng)
            self = .policy(policy)
        }
    }

    /// The next control actions from `observation` in `environment` toward `cost`'s goal (a planner's actions each
    /// repeated as its model holds them, planned to arrive within the episode's `remainingSteps`), and the
    /// milliseconds planning took (nil for policies).
    mutating func act(_ observation: Observation, in environment: Environment, cost: GoalCost,
                      remainingSteps: Int) throws -> ([[Float]], Double?) {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6 }
        switch self {
        case var .oracle(control, model):
            model.fitHold(remainingSteps: remainingSteps, horizon: control.planner.config.horizon)
            let start = try model.withModel { oracle -> [Float] in
                try oracle.setStart(environment.snapshot())
                return oracle.startState
            }
            let actions = control.actions(from: start, model: &model, cost: cost.judged(after: remainingSteps, heldFor: model.repeats))
            self = .oracle(control, model)
            return (model.held(actions), elapsed())
        case var .learned(control, model):
            model.fitHold(remainingSteps: remainingSteps, horizon: control.planner.config.horizon)
            let actions = control.actions(from: observation.state, model: &model,
                                          cost: cost.judged(after: remainingSteps, heldFor: model.repeats))
            self = .learned(control, model)
            return (model.held(actions), elapsed())
        case var .policy(policy):
            let action = policy.action(for: observation, in: environment)
            self = .policy(policy)
            return ([action], nil)
        }
    }

}
