import Foundation
import TensorCore
import Testing
@testable import Simulation

@Suite struct TaskCostTests {
    /// `state` with `body`'s pose set to `pose` (labels from `environment`).
    static func state(_ state: [Float], in environment: Environment, body: String, at pose: Pose, scale: Float? = nil) -> [Float] {
        var state = state
        func set(_ field: String, _ value: Double) { state[environment.stateLabels.firstIndex(of: "\(body).\(field)")!] = Float(value) }
        set("x", pose.position.x)
        set("y", pose.position.y)
        set("cos", cos(pose.angle))
        set("sin", sin(pose.angle))
        if let scale { set("scale", Double(scale)) }
        return state
    }

    @Test("push-tee: the tee at the goal pose covers the goal (cost 0); far away it covers nothing (cost 1)")
    func coverageAtTheGoal() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let goal = try #require(spec.goal)
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        var cost = try TaskCost(spec: spec, stateLabels: environment.stateLabels)
        #expect(cost.goal == TaskGoal(goal) && cost.measure == .coverage)
        let start = environment.reset(seed: 1).observation.state
        let atGoal = Self.state(start, in: environment, body: goal.object, at: goal.pose, scale: 1)
        #expect(abs(cost.cost(of: atGoal)) < 1e-6)
        #expect(abs(cost.coverage(of: atGoal) - 1) < 1e-6)
        let away = Pose(position: goal.pose.position + SIMD2(0.3, 0), angle: goal.pose.angle)
        #expect(cost.cost(of: Self.state(start, in: environment, body: goal.object, at: away)) == 1)
        // Half a turn off: the bar still overlaps the goal's bar, the stem points the other way.
        let turned = Pose(position: goal.pose.position, angle: goal.pose.angle + .pi)
        let halfTurn = cost.coverage(of: Self.state(start, in: environment, body: goal.object, at: turned, scale: 1))
        #expect(halfTurn > 0.2 && halfTurn < 0.8, "coverage \(halfTurn)")
    }

    @Test("push-tee: coverage of true states is the environment's own coverage, on real episodes")
    func coverageMatchesTheEnvironment() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let tee = try #require(spec.objects.firstIndex { $0.name == spec.goal?.object })
        var cost = try TaskCost(spec: spec, stateLabels: environment.stateLabels)
        var covered = 0
        for episode in 0..<30 {
            var observation = environment.reset(seed: UInt64(episode)).observation
            var policy = ScriptedPolicy()
            policy.reset(for: environment, rng: RandomStream(seed: UInt64(episode)).split(1))
            for _ in 0..<150 {
                let result = environment.step(policy.action(for: observation, in: environment))
                observation = result.observation
                let truth = try #require(result.info.coverage)
                let pose = environment.objectPoses[tee], scale = environment.episode.objectScales[tee]
                #expect(cost.coverage(at: pose, scale: scale) == truth, "the same computation on the true pose")
                #expect(abs(cost.coverage(of: observation.state) - truth) < 1e-5, "from the Float state vector")
                #expect(cost.cost(of: observation.state) == 1 - cost.coverage(of: observation.state))
                if truth > 0 { covered += 1 }
            }
        }
        #expect(covered > 60, "only \(covered) steps with the tee on the goal: the check needs some coverage")
    }

    @Test("pose distance: metres plus 0.1 per radian by default, headings wrapped")
    func poseDistanceKnownValues() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let goal = TaskGoal(object: "box1", pose: Pose(position: SIMD2(0.1, -0.05), angle: 0.3))
        var task = try TaskCost(spec: spec, stateLabels: environment.stateLabels, goal: goal, measure: .poseDistance(PoseDistance()))
        let start = environment.reset(seed: 2).observation.state
        func cost(at pose: Pose) -> Double { task.cost(of: Self.state(start, in: environment, body: "box1", at: pose)) }
        #expect(abs(cost(at: goal.pose)) < 1e-6)
        #expect(abs(cost(at: Pose(position: SIMD2(0.13, -0.01), angle: 0.3)) - 0.05) < 1e-6, "a 3-4-5 offset: 5 cm")
        #expect(abs(cost(at: Pose(position: goal.pose.position, angle: 0.3 + .pi / 2)) - 0.1 * .pi / 2) < 1e-6)
        #expect(abs(cost(at: Pose(position: goal.pose.position, angle: 0.3 - 1.9 * .pi)) - 0.1 * 0.1 * .pi) < 1e-6,
                "−1.9π is 0.1π the short way round")
        let weighted = PoseDistance(positionWeight: 2, headingWeight: 0.5)
        let pose = Pose(position: SIMD2(0.13, -0.01), angle: -0.7)
        #expect(abs(weighted(pose, goal.pose) - (2 * 0.05 + 0.5 * 1.0)) < 1e-12)
        #expect(PoseDistance.headingError(Pose(position: .zero, angle: .pi), Pose(position: .zero, angle: -.pi)) < 1e-12)
    }

    @Test("the batched costs are the one-by-one costs", arguments: ["coverage", "pose"])
    func batchedEqualsOneByOne(measure: String) throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        var cost = try TaskCost(spec: spec, stateLabels: environment.stateLabels,
                                measure: measure == "pose" ? .poseDistance(PoseDistance()) : .coverage)
        var rng = RandomStream(seed: 3)
        let goal = try #require(spec.goal).pose
        let rows = (0..<300).map { _ in
            let pose = Pose(position: goal.position + SIMD2(rng.uniform(in: -0.1...0.1), rng.uniform(in: -0.1...0.1)),
                            angle: goal.angle + rng.uniform(in: -1...1))
            let state = Self.state(environment.reset(seed: 0).observation.state, in: environment, body: "tee", at: pose,
                                   scale: Float(rng.uniform(in: 0.9...1.1)))
            return state
        }
        let expected = rows.map { cost.cost(of: $0) }
        #expect(Set(expected).count > 250, "the rows score differently")
        var batched: [Double] = [1, 2]
        cost.costs(of: Matrix(rows), into: &batched)
        #expect(batched == expected)
        var again = [Double](repeating: -1, count: rows.count)
        let flat = rows.flatMap { $0 }
        flat.withUnsafeBufferPointer { states in
            again.withUnsafeMutableBufferPointer { cost.costs(of: states, into: $0) }
        }
        #expect(again == expected)
    }

    @Test("success: the object within 2.5 cm and 20° of its goal pose, the robot within 2.5 cm if asked")
    func success() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let goal = try #require(spec.goal).pose
        let robotGoal = SIMD2(-0.2, 0.1)
        let cost = try TaskCost(spec: spec, stateLabels: environment.stateLabels,
                                goal: TaskGoal(object: "tee", pose: goal, robotPosition: robotGoal))
        #expect(cost.tolerance == .planning && SuccessTolerance.planning.heading == 20 * .pi / 180)
        let start = environment.reset(seed: 0).observation.state
        let robot = try #require(environment.bodies.first).name
        func state(offset: Double, degrees: Double, robotOffset: Double) -> [Float] {
            let object = Pose(position: goal.position + SIMD2(offset, 0), angle: goal.angle + degrees * .pi / 180)
            let moved = Self.state(start, in: environment, body: "tee", at: object)
            return Self.state(moved, in: environment, body: robot, at: Pose(position: robotGoal + SIMD2(0, robotOffset)))
        }
        #expect(cost.isSuccess(state(offset: 0.02, degrees: 19, robotOffset: 0.02)))
        #expect(!cost.isSuccess(state(offset: 0.03, degrees: 0, robotOffset: 0)), "3 cm off")
        #expect(!cost.isSuccess(state(offset: 0, degrees: 21, robotOffset: 0)), "21° off")
        #expect(!cost.isSuccess(state(offset: 0, degrees: -21, robotOffset: 0)), "21° off the other way")
        #expect(!cost.isSuccess(state(offset: 0, degrees: 0, robotOffset: 0.03)), "the robot 3 cm off")
        var loose = cost
        loose.tolerance = SuccessTolerance(position: 0.05, heading: 0.5, robotPosition: 0.05)
        #expect(loose.isSuccess(state(offset: 0.04, degrees: 25, robotOffset: 0.04)))
        let objectOnly = try TaskCost(spec: spec, stateLabels: environment.stateLabels)
        #expect(objectOnly.isSuccess(state(offset: 0, degrees: 0, robotOffset: 0.3)), "no robot goal: the robot may be anywhere")
    }

    @Test("a goal the world cannot score is a clear error")
    func errors() throws {
        let push = try WorldSpec.builtIn(named: "push")
        let labels = try Environment(spec: push, observations: ObservationSettings(kinds: [.state])).stateLabels
        let noGoal = #expect(throws: TaskCostError.noGoal(world: "push")) { try TaskCost(spec: push, stateLabels: labels) }
        #expect(noGoal?.description.contains("world 'push' has no goal") == true)
        let goal = TaskGoal(object: "anvil", pose: Pose(position: .zero))
        let unknown = #expect(throws: TaskCostError.self) { try TaskCost(spec: push, stateLabels: labels, goal: goal) }
        #expect(unknown?.description == "world 'push' has no object 'anvil' (its objects: box1, box2, disc1, disc2, tee)")
        let box = TaskGoal(object: "box1", pose: Pose(position: .zero))
        let missing = #expect(throws: TaskCostError.missingLabel("box1.cos")) {
            try TaskCost(spec: push, stateLabels: labels.filter { $0 != "box1.cos" }, goal: box)
        }
        #expect(missing?.description == "the state vector has no entry 'box1.cos' (observations.state.labels)")
    }
}
