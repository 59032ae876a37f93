import Control
import Simulation
import TensorCore
import Testing

/// The receding-horizon loop: warm start, determinism, reaching a goal.
@Suite struct ModelPredictiveControlTests {
    let box = BoxSpace(count: 2, low: -1, high: 1)
    let config = PlannerConfig(horizon: 4, samples: 64, elites: 8, iterations: 5, weighting: .uniform)

    @Test func shiftDropsExecutedStepsAndRepeatsTheLast() {
        var plan = GaussianPlan(horizon: 4, repeating: [0, 0], std: [0.1, 0.1])
        plan.mean = [1, 2, 3, 4, 5, 6, 7, 8]
        plan.std = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]
        plan.shift(by: 1, std: [0.5, 0.25])
        #expect(plan.mean == [3, 4, 5, 6, 7, 8, 7, 8])
        #expect(plan.std == [0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25])
        plan.shift(by: 3, std: [0.5, 0.25])
        #expect(plan.mean == [7, 8, 7, 8, 7, 8, 7, 8])
    }

    /// Runs the loop on the integrator for `plans` plans; returns the executed actions and the final state.
    func drive(seed: UInt64, executeSteps: Int, plans: Int, goal: [Float]) -> (actions: [[Float]], state: [Float]) {
        var controller = ModelPredictiveControl(planner: SamplingPlanner(config: config, actionSpace: box),
                                                executeSteps: executeSteps, seed: seed)
        var model = IntegratorDynamics(dimension: 2)
        let cost = TerminalQuadraticCost(goal: goal, actionWeight: 0.01)
        var state: [Float] = [0, 0], executed: [[Float]] = []
        for _ in 0..<plans {
            for action in controller.actions(from: state, model: &model, cost: cost) {
                state = zip(state, action).map { $0 + $1 }
                executed.append(action)
            }
        }
        return (executed, state)
    }

    @Test func sameSeedSameActions() {
        let first = drive(seed: 3, executeSteps: 2, plans: 4, goal: [2, -1])
        #expect(drive(seed: 3, executeSteps: 2, plans: 4, goal: [2, -1]).actions == first.actions)
        #expect(drive(seed: 4, executeSteps: 2, plans: 4, goal: [2, -1]).actions != first.actions)
    }

    @Test func recedingHorizonReachesTheGoal() {
        let goal: [Float] = [2.5, -1.5]
        // The cost only looks at the plan's end, so each step covers about 1/H of what remains.
        let final = drive(seed: 5, executeSteps: 1, plans: 20, goal: goal).state
        #expect(abs(final[0] - goal[0]) < 0.1 && abs(final[1] - goal[1]) < 0.1, "ended at \(final)")
    }

    /// A cost that prefers nothing: every sample ties, so the one elite is sample 0, the plan's own mean.
    struct IndifferentCost: PlanningCost {
        func evaluate(predictions: [Matrix], actions: [Matrix], into costs: inout [Double]) {
            for i in costs.indices { costs[i] = 0 }
        }
    }

    @Test func warmStartIsThePreviousPlanShifted() {
        let oneElite = PlannerConfig(horizon: 4, samples: 32, elites: 1, iterations: 1, weighting: .uniform)
        var controller = ModelPredictiveControl(planner: SamplingPlanner(config: oneElite, actionSpace: box),
                                                executeSteps: 2, seed: 9)
        var model = IntegratorDynamics(dimension: 2)
        _ = controller.actions(from: [0, 0], model: &model, cost: TerminalQuadraticCost(goal: [1, -1], actionWeight: 0.1))
        var shifted = controller.plan!
        shifted.shift(by: 2, std: box.spread(oneElite.initialStd))
        let next = controller.actions(from: [0.3, -0.2], model: &model, cost: IndifferentCost())
        #expect(controller.plan!.mean == shifted.mean)
        #expect(next == [shifted.action(at: 0), shifted.action(at: 1)])
        #expect(shifted.action(at: 0) != shifted.action(at: 2), "the first plan varies over its steps")
    }
}
