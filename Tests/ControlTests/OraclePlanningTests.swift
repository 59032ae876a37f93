import Control
import Foundation
import Simulation
import TensorCore
import Testing

/// MPC with CEM on the true simulator pushes a block of `push` to a pose the scripted policy reached.
@Suite struct OraclePlanningTests {
    /// Σ over the plan's steps of ‖block − goal‖² + 0.01 (1 − cos(heading − goal heading))
    /// + 0.05 ‖pusher − block‖² (the last term brings the pusher to the block when no sample touches it).
    struct BlockPoseCost: PlanningCost {
        let block: Int, pusher: Int
        let goal: SIMD2<Float>, heading: Float

        init(labels: [String], block name: String, goal: Pose) {
            block = labels.firstIndex(of: "\(name).x")!
            pusher = labels.firstIndex(of: "pusher.x")!
            self.goal = SIMD2(Float(goal.position.x), Float(goal.position.y))
            heading = Float(goal.angle)
        }

        func evaluate(predictions: [Matrix], actions: [Matrix], into costs: inout [Double]) {
            let (c, s) = (cos(heading), sin(heading))
            for i in costs.indices {
                var total: Float = 0
                for state in predictions.dropFirst() {
                    let p = SIMD2(state[i, block], state[i, block + 1])
                    let tool = SIMD2(state[i, pusher], state[i, pusher + 1])
                    let alignment = state[i, block + 2] * c + state[i, block + 3] * s
                    let miss = p - goal, reach = tool - p
                    total += (miss * miss).sum() + 0.01 * (1 - alignment) + 0.05 * (reach * reach).sum()
                }
                costs[i] = Double(total)
            }
        }
    }

    @Test func oracleRolloutIsTheEnvironmentStepping() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        env.reset(seed: 3)
        for k in 0..<15 { _ = env.step([Float(k) * 0.01, 0.05]) }
        let snapshot = env.snapshot()
        let start = try env.restore(snapshot).state
        let oracle = try OracleDynamics(spec: spec)
        try oracle.setStart(snapshot)
        let plans: [[[Float]]] = [[[0.1, 0.1], [0.12, 0.1], [0.14, 0.1]], [[-0.2, 0], [-0.2, 0.1], [-0.1, 0.2]]]
        let actions = (0..<3).map { t in Matrix(plans.map { $0[t] }) }
        let starts = Matrix([start, start])
        var predictions = (0...3).map { _ in Matrix(rows: 2, cols: start.count) }
        oracle.rollout(from: starts, actions: actions, into: &predictions)
        for (i, plan) in plans.enumerated() {
            try env.restore(snapshot)
            #expect(predictions[0].row(i) == start)
            for (t, action) in plan.enumerated() {
                #expect(predictions[t + 1].row(i) == env.step(action).observation.state, "sample \(i), step \(t)")
            }
        }
    }

    /// The first episode (by seed) in which 10 scripted steps move the tee at least 6 cm: its seed and the tee's pose then.
    func scriptedGoal(in env: Environment, block: Int) -> (seed: UInt64, goal: Pose) {
        for seed in UInt64(0)..<200 {
            var observation = env.reset(seed: seed).observation
            var policy: any Policy = ScriptedPolicy()
            policy.reset(for: env, rng: RandomStream(seed: seed))
            let start = env.objectPoses[block].position
            for _ in 0..<10 { observation = env.step(policy.action(for: observation, in: env)).observation }
            let moved = env.objectPoses[block].position - start
            if (moved * moved).sum() > 0.06 * 0.06 { return (seed, env.objectPoses[block]) }
        }
        Issue.record("no scripted episode of 10 steps moves the tee 6 cm")
        return (0, env.objectPoses[block])
    }

    /// 48 samples, 6 elites, 4 iterations, horizon 5, replanning every step for DINO-WM's budget of
    /// 25 steps (1.7 s in release). Measured: the tee, 20 cm and 3° away, ends 2 mm and 0.8° off.
    @Test func oracleCEMPushesABlockToItsGoal() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let block = spec.objects.firstIndex { $0.name == "tee" }!
        let (seed, goal) = scriptedGoal(in: env, block: block)
        var observation = env.reset(seed: seed).observation
        let cost = BlockPoseCost(labels: env.stateLabels, block: spec.objects[block].name, goal: goal)
        let config = PlannerConfig(horizon: 5, samples: 48, elites: 6, iterations: 4, weighting: .uniform)
        var controller = ModelPredictiveControl(planner: SamplingPlanner(config: config, actionSpace: env.actionSpace),
                                                executeSteps: 1, seed: 1)
        controller.reset(holding: env.neutralAction)
        var oracle = try OracleDynamics(spec: spec)
        for _ in 0..<25 {
            try oracle.setStart(env.snapshot())
            for action in controller.actions(from: observation.state, model: &oracle, cost: cost) {
                observation = env.step(action).observation
            }
        }
        let pose = env.objectPoses[block]
        let distance = ((pose.position - goal.position) * (pose.position - goal.position)).sum().squareRoot()
        let turn = abs(remainder(pose.angle - goal.angle, 2 * .pi))
        #expect(distance < 0.025 && turn < 20 * .pi / 180, "ended \(distance) m and \(turn) rad from the goal pose")
    }
}
