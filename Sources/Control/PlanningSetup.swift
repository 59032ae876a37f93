import Foundation
import Simulation
import WorldModel

/// Names the planners and builds the agents a planning evaluation compares.
public enum PlanningSetup {
    /// The planner presets by name: `cem` (DINO-WM's), `planet-cem` (PlaNet's), `mppi` (TD-MPC2-like).
    public static let planners: [String: PlannerConfig] = ["cem": .cem, "planet-cem": .planetCEM, "mppi": .mppi]

    /// The agents for `models` (`oracle` or run folders; each run gives its state models of `rules`, PC and backprop by
    /// default), then the scripted and random policies when `baselines`. Planners hold each action for `actionRepeat` steps
    /// (fewer near the episode's end when `holdToDeadline`: `ActionRepeat.fitHold`); a run's ensemble predicts for
    /// them as `ensemble` says.
    public static func agents(models: [String], spec: WorldSpec, planner config: PlannerConfig, plannerName: String,
                              executeSteps: Int, actionRepeat: Int, holdToDeadline: Bool,
                              ensemble: LearnedDynamics.EnsembleUse, rules: [ForwardRule] = ForwardRule.allCases,
                              seed: UInt64, baselines: Bool) throws -> [(name: String, agent: PlanningAgent)] {
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let planner = SamplingPlanner(config: config, actionSpace: environment.actionSpace)
        let control = ModelPredictiveControl(planner: planner, executeSteps: executeSteps, seed: seed)
        var agents: [(name: String, agent: PlanningAgent)] = []
        for model in models {
            if model == "oracle" {
                let dynamics = ActionRepeat(try OracleDynamics(spec: spec), repeats: actionRepeat, shrinksToDeadline: holdToDeadline)
                agents.append(("oracle \(plannerName)", .oracle(control, dynamics)))
                continue
            }
            let run = URL(fileURLWithPath: model)
            var found = false
            for rule in rules {
                guard let predictor = try? PositionPredictor(run: run, prefer: rule), predictor.modelID.rule == rule else { continue }
                try predictor.record.checkCompatible(with: DataSignature(environment: environment), at: spec.name, for: .statePrediction)
                let dynamics = ActionRepeat(LearnedDynamics(predictor, ensemble: ensemble), repeats: actionRepeat,
                                            shrinksToDeadline: holdToDeadline)
                agents.append(("\(run.lastPathComponent) \(predictor.modelID.name) \(plannerName)", .learned(control, dynamics)))
                found = true
            }
            if !found { _ = try PositionPredictor(run: run) }  // throws the error naming what is missing
        }
        if baselines {
            agents.append(("scripted policy", .policy(ScriptedPolicy())))
            agents.append(("random policy", .policy(RandomPolicy())))
        }
        return agents
    }
}
