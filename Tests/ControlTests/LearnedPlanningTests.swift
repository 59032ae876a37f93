import Control
import ModelTestSupport
import Simulation
import TensorCore
import Testing
import WorldModel

/// Planning through the learned-model path: held actions, the batched rollout, goal costs, the episode runner.
@Suite struct LearnedPlanningTests {
    @Test func heldActionsAreAppliedRepeatsTimesAndTheCostSeesEveryHeldAction() {
        var held = ActionRepeat(IntegratorDynamics(dimension: 1), repeats: 3)
        let starts = Matrix([[0], [1]])
        let actions = [Matrix([[0.5], [-1]]), Matrix([[1], [2]])]
        var predictions = (0...2).map { _ in Matrix(rows: 2, cols: 1) }
        held.rollout(from: starts, actions: actions, into: &predictions)
        #expect(predictions[0] == starts)
        #expect(predictions[1] == Matrix([[1.5], [-2]]))
        #expect(predictions[2] == Matrix([[4.5], [4]]))
    }

    @Test func aShrinkingHoldEndsEachPlanAtTheDeadlineAndAFixedOneStays() {
        var shrinking = ActionRepeat(IntegratorDynamics(dimension: 1), repeats: 5, shrinksToDeadline: true)
        var fixed = ActionRepeat(IntegratorDynamics(dimension: 1), repeats: 5)
        for (remaining, hold) in [(25, 5), (40, 5), (20, 4), (16, 4), (12, 3), (6, 2), (5, 1), (1, 1)] {
            shrinking.fitHold(remainingSteps: remaining, horizon: 5)
            fixed.fitHold(remainingSteps: remaining, horizon: 5)
            #expect(shrinking.repeats == hold, "\(remaining) steps left")
            #expect(5 * shrinking.repeats >= min(remaining, 25), "the horizon reaches the last step")
            #expect(fixed.repeats == 5)
        }
        #expect(shrinking.held([[1], [2]]) == [[1], [2]], "a hold of 1 applies each action once")
    }

    @Test func cemOnTheLearnedIntegratorFindsTheQuadraticOptimum() {
        let model = integratorForwardModel(size: 2)
        var dynamics = LearnedDynamics(model: model, stateDimension: 2, actionDimension: 2)
        var planner = SamplingPlanner(config: .cem, actionSpace: BoxSpace(count: 2, low: -1, high: 1))
        var plan = planner.initialPlan()
        var rng = RandomStream(seed: 3)
        let start: [Float] = [0.1, 0.2], goal: [Float] = [1.3, -0.4]
        planner.improve(&plan, from: start, model: &dynamics, cost: TerminalQuadraticCost(goal: goal, actionWeight: 1), rng: &rng)
        let optimum = zip(goal, start).map { ($0 - $1) / Float(PlannerConfig.cem.horizon + 1) }
        for t in 0..<plan.horizon {
            for (found, best) in zip(plan.action(at: t), optimum) { #expect(abs(found - best) < 0.01, "step \(t)") }
        }
    }

    /// Members with gains 1 and 2 from x₀ toward d = goal − x₀: the members' mean (gain 1.5) is best at Σa = d / 1.5,
    /// the mean of the members' squared misses ½[(S − d)² + (2S − d)²] at S = 0.6 d.
    @Test(arguments: [(LearnedDynamics.EnsembleUse.meanPrediction, Float(1 / 1.5)), (.memberCosts, 0.6)])
    func anEnsemblePlansOnItsMeanOrOnTheMeanOfItsMembersCosts(use: LearnedDynamics.EnsembleUse, fraction: Float) {
        let model = integratorForwardModel(size: 2, gains: [1, 2])
        var dynamics = LearnedDynamics(model: model, stateDimension: 2, actionDimension: 2, ensemble: use)
        #expect(dynamics.memberCount == (use == .memberCosts ? 2 : 1))
        var planner = SamplingPlanner(config: .cem, actionSpace: BoxSpace(count: 2, low: -1, high: 1))
        var plan = planner.initialPlan()
        var rng = RandomStream(seed: 3)
        let start: [Float] = [0.1, 0.2], goal: [Float] = [1.3, -0.4]
        planner.improve(&plan, from: start, model: &dynamics, cost: TerminalQuadraticCost(goal: goal, actionWeight: 0), rng: &rng)
        for j in 0..<2 {
            let sum = (0..<plan.horizon).map { plan.action(at: $0)[j] }.reduce(0, +)
            let best = fraction * (goal[j] - start[j])
            #expect(abs(sum - best) < 0.01, "\(use.rawValue), entry \(j): actions sum to \(sum), optimum \(best)")
        }
    }

    @Test func aMemberRollsOutAsThatMemberAlone() {
        let model = integratorForwardModel(size: 1, gains: [1, 3])
        var ensemble = LearnedDynamics(model: model, stateDimension: 1, actionDimension: 1, ensemble: .memberCosts)
        var alone = LearnedDynamics(model: model.member(1), stateDimension: 1, actionDimension: 1)
        let starts = Matrix([[0], [1]]), actions = [Matrix([[0.5], [-1]]), Matrix([[1], [2]])]
        var fromEnsemble = (0...2).map { _ in Matrix(rows: 2, cols: 1) }, fromAlone = fromEnsemble
        ensemble.rollout(member: 1, from: starts, actions: actions, into: &fromEnsemble)
        alone.rollout(from: starts, actions: actions, into: &fromAlone)
        #expect(fromEnsemble == fromAlone)
        #expect(fromAlone[2] == Matrix([[4.5], [4]]))
        ensemble.rollout(from: starts, actions: actions, into: &fromEnsemble)
        #expect(fromEnsemble[2] == Matrix([[3], [3]]), "the members' mean, gain 2")
    }

    @Test func theGoalCostAddsPositionHeadingAndRobotTerms() throws {
        let labels = ["pusher", "tee"].flatMap { body in ["x", "y", "cos", "sin", "scale"].map { "\(body).\($0)" } }
        var cost = try GoalCost(goal: TaskGoal(object: "tee", pose: Pose(position: SIMD2(0.1, 0), angle: 0),
                                               robotPosition: SIMD2(0, 0.3)), labels: labels)
        cost.weights = GoalCostWeights(approach: 0, running: 0.5, robotGate: nil)
        // Step 1: tee 0.1 m off and a quarter turn, robot 0.4 m off; step 2 (last): tee on goal, robot 0.3 m off.
        let step1 = Matrix([[0, -0.1, 1, 0, 1, 0.2, 0, 0, 1, 1]]), step2 = Matrix([[0, 0, 1, 0, 1, 0.1, 0, 1, 0, 1]])
        var costs = [0.0]
        cost.evaluate(predictions: [Matrix(rows: 1, cols: 10), step1, step2], actions: [], into: &costs)
        let first = 0.1 + 0.1 * Double.pi / 2 + 0.4, last = 0.3
        #expect(abs(costs[0] - (0.5 * first + last)) < 1e-6)
        #expect(abs(try #require(cost.errors(step2.row(0)).robot) - 0.3) < 1e-6)
        #expect(!cost.isSuccess(step2.row(0)) && cost.isSuccess([0, 0.3, 1, 0, 1, 0.1, 0, 1, 0, 1]))
        #expect(throws: TaskCostError.missingLabel("box.x")) {
            _ = try GoalCost(goal: TaskGoal(object: "box", pose: Pose(position: .zero)), labels: labels)
        }
    }

    @Test func theRobotGoalCountsOnlyInsideTheGateAndTheApproachTermPullsTowardTheObject() throws {
        let labels = ["pusher", "tee"].flatMap { body in ["x", "y", "cos", "sin", "scale"].map { "\(body).\($0)" } }
        var cost = try GoalCost(goal: TaskGoal(object: "tee", pose: Pose(position: .zero, angle: 0),
                                               robotPosition: SIMD2(0, 0.3)), labels: labels)
        cost.weights = GoalCostWeights(robot: 2, approach: 0, robotGate: 0.05, robotCeiling: 0.8)
        // The robot on its goal with the tee 0.1 m off (outside the gate), then 0.2 m from its goal with the tee 0.04 m off.
        let parked = Matrix([[0, 0.3, 1, 0, 1, 0.1, 0, 1, 0, 1]]), pushing = Matrix([[0, 0.1, 1, 0, 1, 0.04, 0, 1, 0, 1]])
        var costs = [0.0]
        cost.evaluate(predictions: [Matrix(rows: 1, cols: 10), parked], actions: [], into: &costs)
        #expect(abs(costs[0] - (0.1 + 2 * 0.8)) < 1e-6)
        cost.evaluate(predictions: [Matrix(rows: 1, cols: 10), pushing], actions: [], into: &costs)
        #expect(abs(costs[0] - (0.04 + 2 * 0.2)) < 1e-6)
        cost.weights.robotGate = nil
        cost.evaluate(predictions: [Matrix(rows: 1, cols: 10), parked], actions: [], into: &costs)
        #expect(abs(costs[0] - 0.1) < 1e-6, "without a gate, parking on the robot's goal costs only the object's error")
        cost.weights.approach = 0.5
        cost.evaluate(predictions: [Matrix(rows: 1, cols: 10), parked], actions: [], into: &costs)
        #expect(abs(costs[0] - (0.1 + 0.5 * (0.1 * 0.1 + 0.3 * 0.3).squareRoot())) < 1e-6, "the approach term: robot to tee")
    }

    @Test func aDeadlineWeighsEveryStepFromItOnAsTheLast() throws {
        let labels = ["pusher", "tee"].flatMap { body in ["x", "y", "cos", "sin", "scale"].map { "\(body).\($0)" } }
        var cost = try GoalCost(goal: TaskGoal(object: "tee", pose: Pose(position: .zero, angle: 0)), labels: labels)
        cost.weights = GoalCostWeights(approach: 0, running: 0.1)
        // The tee 0.1, 0.2, 0.3, 0.4 m off the goal after predicted steps 1 to 4.
        let states = (0...4).map { Matrix([[0, 0, 1, 0, 1, 0.1 * Float($0), 0, 1, 0, 1]]) }
        var costs = [0.0]
        cost.evaluate(predictions: states, actions: [], into: &costs)
        #expect(abs(costs[0] - (0.1 * (0.1 + 0.2 + 0.3) + 0.4)) < 1e-6)
        cost.deadline = 2
        cost.evaluate(predictions: states, actions: [], into: &costs)
        #expect(abs(costs[0] - (0.1 * 0.1 + 0.2 + 0.3 + 0.4)) < 1e-6)
        // Judged after 7 control steps with actions held 3 steps: the third prediction (9 steps) is the first at or past it.
        #expect(cost.judged(after: 7, heldFor: 3).deadline == 3 && cost.judged(after: 0, heldFor: 5).deadline == 1)
        cost.deadline = 9
        cost.evaluate(predictions: states, actions: [], into: &costs)
        #expect(abs(costs[0] - (0.1 * (0.1 + 0.2 + 0.3) + 0.4)) < 1e-6, "a deadline past the horizon is the horizon")
    }

    @Test func theTaskProtocolScoresAPolicyByItsLargestCoverage() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let runner = try PlanningEpisodeRunner(spec: spec, protocolKind: .task)
        var agent = PlanningAgent.policy(ScriptedPolicy())
        let result = try runner.run(seed: 4, agent: &agent)
        #expect(result.steps == result.coverage.count && result.steps <= spec.episode.maxSteps)
        #expect(result.maxCoverage == result.coverage.max())
        #expect(result.success == ((result.maxCoverage ?? 0) >= 0.95))
        #expect(result.objectPath.count == result.steps + 1 && result.planMilliseconds.isEmpty)
        var again = PlanningAgent.policy(ScriptedPolicy())
        #expect(try runner.run(seed: 4, agent: &again).coverage == result.coverage)
    }

    @Test func theOracleReachesReachGoalsThatHoldingStillMisses() throws {
        let (runner, oracle) = try smallOracle(shrinkingHold: false)
        var planner = oracle, still = PlanningAgent.policy(HoldStill())
        // Episodes 2 and 3 of root seed 0, whose goals have the tee 28.5 cm and 4.6 cm from its start.
        for index in [2, 3] {
            var stream = RandomStream(seed: 0).split(index)
            let seed = stream.next()
            let planned = try runner.run(seed: seed, agent: &planner)
            let idle = try runner.run(seed: seed, agent: &still)
            #expect(planned.steps == PlanningProtocol.reachSteps && planned.planMilliseconds.count == 5)
            #expect(idle.positionError > 0.04 && !idle.success, "episode \(index)")
            #expect(planned.success, "episode \(index): \(planned.positionError) m, \(planned.headingError) rad")
        }
    }

    /// The shrinking hold through the planning agent: 25 steps in 11 plans (held 5, 4, 4, 3, 2, 2, then 1 five
    /// times), the tee brought from 28.5 cm to within 1 cm of its goal. (This small planner misses the heading
    /// there; success with DINO-WM's planner is measured by `plan` on 50 episodes, README.)
    @Test func aShrinkingHoldPlansEveryStepLeftAndStillPushesTheTeeHome() throws {
        var (runner, oracle) = try smallOracle(shrinkingHold: true)
        var stream = RandomStream(seed: 0).split(2)
        let planned = try runner.run(seed: stream.next(), agent: &oracle)
        #expect(planned.steps == PlanningProtocol.reachSteps && planned.planMilliseconds.count == 11)
        #expect(planned.startPositionError > 0.28 && planned.positionError < 0.01)
    }

    /// A reach runner on push-tee (random-policy goals) and an oracle agent with a CI-sized CEM, executing one
    /// held action per plan.
    private func smallOracle(shrinkingHold: Bool) throws -> (PlanningEpisodeRunner, PlanningAgent) {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let runner = try PlanningEpisodeRunner(spec: spec, protocolKind: .reach, goalPolicy: RandomPolicy())
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let config = PlannerConfig(horizon: 5, samples: 100, elites: 10, iterations: 10, weighting: .uniform)
        let control = ModelPredictiveControl(planner: SamplingPlanner(config: config, actionSpace: environment.actionSpace),
                                             executeSteps: 1, seed: 2)
        let dynamics = ActionRepeat(try OracleDynamics(spec: spec), repeats: 5, shrinksToDeadline: shrinkingHold)
        return (runner, .oracle(control, dynamics))
    }
}

/// A policy that commands the pusher to stay where it is.
private struct HoldStill: Policy {
    var name: String { "hold" }
    mutating func reset(for environment: Environment, rng: RandomStream) {}
    mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        environment.actionToward(environment.toolPosition)
    }
}
