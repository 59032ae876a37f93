import Control
import Simulation
import TensorCore
import Testing

/// CEM and MPPI on the integrator x' = x + a with a quadratic cost, whose optimum is known.
@Suite struct SamplingPlannerTests {
    let box = BoxSpace(count: 2, low: -1, high: 1)

    /// Plans once from `start`; returns the plan and the model (with the actions it saw).
    func plan(_ config: PlannerConfig, from start: [Float], cost: TerminalQuadraticCost, seed: UInt64 = 1)
        -> (plan: GaussianPlan, model: IntegratorDynamics) {
        var planner = SamplingPlanner(config: config, actionSpace: box)
        var plan = planner.initialPlan()
        var model = IntegratorDynamics(dimension: 2)
        var rng = RandomStream(seed: seed)
        planner.improve(&plan, from: start, model: &model, cost: cost, rng: &rng)
        return (plan, model)
    }

    /// The cost of running `plan`'s mean from `start`.
    func cost(of plan: GaussianPlan, from start: [Float], _ cost: TerminalQuadraticCost) -> Double {
        var model = IntegratorDynamics(dimension: 2)
        let actions = (0..<plan.horizon).map { Matrix(rows: 1, cols: 2, elements: plan.action(at: $0)) }
        var predictions = (0...plan.horizon).map { _ in Matrix(rows: 1, cols: 2) }
        model.rollout(from: Matrix(rows: 1, cols: 2, elements: start), actions: actions, into: &predictions)
        var costs = [0.0]
        cost.evaluate(predictions: predictions, actions: actions, into: &costs)
        return costs[0]
    }

    /// Per-step tolerances differ: a long horizon leaves directions along which the cost barely changes.
    @Test(arguments: [("cem", PlannerConfig.cem, 0.01), ("planet", .planetCEM, 0.03), ("mppi", .mppi, 0.03)])
    func findsTheQuadraticOptimum(name: String, config: PlannerConfig, tolerance: Float) {
        let start: [Float] = [0.1, 0.2], goal: [Float] = [1.3, -0.4], weight = 1.0
        let quadratic = TerminalQuadraticCost(goal: goal, actionWeight: weight)
        let result = plan(config, from: start, cost: quadratic)
        let optimumAction = zip(goal, start).map { ($0 - $1) / (Float(config.horizon) + Float(weight)) }
        for t in 0..<config.horizon {
            for (found, best) in zip(result.plan.action(at: t), optimumAction) {
                #expect(abs(found - best) < tolerance, "\(name) step \(t): \(found), optimum \(best)")
            }
        }
        var optimum = result.plan
        optimum.mean = Array((0..<config.horizon).map { _ in optimumAction }.joined())
        let optimalCost = cost(of: optimum, from: start, quadratic)
        let gap = cost(of: result.plan, from: start, quadratic) - optimalCost
        #expect(gap > -1e-6 && gap < 0.02 * optimalCost, "\(name): cost \(gap) above the optimum \(optimalCost)")
    }

    /// MPPI's 6 iterations from a cold start (mean 0) close most, not all, of the way to the bounds.
    @Test(arguments: [(PlannerConfig.cem, Float(0.01)), (.mppi, 0.35)])
    func actionsStayInTheActionSpace(config: PlannerConfig, tolerance: Float) {
        let result = plan(config, from: [0, 0], cost: TerminalQuadraticCost(goal: [6, -6], actionWeight: 0))
        #expect(result.model.smallestAction >= -1 && result.model.largestAction <= 1)
        #expect(result.model.smallestAction == -1 && result.model.largestAction == 1,
                "the unconstrained optimum (±1.2 per step) lies outside, so samples reach the bounds")
        for t in 0..<config.horizon {
            let action = result.plan.action(at: t)
            #expect(action[0] <= 1 && action[1] >= -1, "step \(t): \(action) leaves the box")
            #expect(abs(action[0] - 1) < tolerance && abs(action[1] + 1) < tolerance, "step \(t): \(action)")
        }
    }

    @Test func sameSeedSameActionsOtherSeedOtherActions() {
        let cost = TerminalQuadraticCost(goal: [0.7, 0.3], actionWeight: 0.5)
        let first = plan(.mppi, from: [0, 0], cost: cost, seed: 7).plan
        #expect(plan(.mppi, from: [0, 0], cost: cost, seed: 7).plan == first)
        #expect(plan(.mppi, from: [0, 0], cost: cost, seed: 8).plan.mean != first.mean)
    }
}
