#if Viewer
import Control
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// The planner beside the frame loop: plans from a snapshot handed back later, the same plans as on the caller's thread.
@Suite struct BackgroundPlannerTests {
    let environment: Environment
    let run: URL
    let goal: TaskGoal
    /// A small CEM, so that debug builds plan quickly.
    static let config = PlannerConfig(horizon: 3, samples: 40, elites: 5, iterations: 3, weighting: .uniform)

    init() throws {
        environment = try Environment(spec: WorldSpec.builtIn(named: "push-tee"), observations: ObservationSettings(kinds: [.state]))
        run = try TinyRun.train(environment)
        goal = TaskGoal(try #require(environment.spec.goal))
    }

    func planner(_ mode: BackgroundPlanner.Mode, config: PlannerConfig = Self.config) throws -> BackgroundPlanner {
        BackgroundPlanner(try GoalPlanner(predictor: PositionPredictor(run: run), goal: goal, actionSpace: environment.actionSpace,
                                          config: config, actionRepeat: 2, seed: 4), mode: mode)
    }

    @Test func aBackgroundPlanEqualsTheSynchronousOne() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let state = environment.reset(seed: 3).observation.state
        let here = try planner(.synchronous), there = try planner(.background)
        for step in [0, 7] {
            #expect(here.request(state: state, step: step))
            #expect(there.request(state: state, step: step))
            there.waitUntilIdle()
            let mine = try #require(here.take()), theirs = try #require(there.take())
            #expect(mine.actions == theirs.actions && mine.predictedStates == theirs.predictedStates && mine.cost == theirs.cost)
            #expect(theirs.step == step && theirs.actions.count == 2)
            #expect(there.take() == nil, "a plan is handed out once")
        }
    }

    @Test func requestReturnsAtOnceAndOnePlanRunsAtATime() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let state = environment.reset(seed: 3).observation.state
        // Default CEM: 300 samples, 30 iterations, far longer than handing over a request.
        let planner = try planner(.background, config: .cem)
        #expect(planner.request(state: state, step: 0))
        #expect(planner.isBusy && planner.take() == nil)
        #expect(!planner.request(state: state, step: 1), "a second plan started while one was under way")
        planner.waitUntilIdle()
        #expect(!planner.isBusy && planner.take()?.step == 0)
    }

    @Test func plansRequestedBeforeAResetAreDropped() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let planner = try planner(.background, config: .cem)
        #expect(planner.request(state: environment.reset(seed: 3).observation.state, step: 0))
        planner.reset()
        planner.waitUntilIdle()
        #expect(planner.take() == nil && planner.latest == nil)
    }

    @Test func theGhostsAreTheMeanPlanRolledOutThroughTheModel() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let state = environment.reset(seed: 5).observation.state
        let planner = try planner(.synchronous)
        planner.request(state: state, step: 0)
        let plan = try #require(planner.take())
        // The whole plan: every mean action held twice, its first action the one executed.
        #expect(plan.wholePlan.count == 2 * Self.config.horizon && plan.predictedStates.count == Self.config.horizon)
        #expect(Array(plan.wholePlan.prefix(2)) == plan.actions)
        var rollout = Rollout(model: try PositionPredictor(run: run).model)
        let states = rollout.run(starts: Matrix(rows: 1, cols: state.count, elements: state),
                                 actions: Matrix(rows: plan.wholePlan.count, cols: plan.actions[0].count,
                                                 elements: plan.wholePlan.flatMap { $0 }))
        for (h, predicted) in plan.predictedStates.enumerated() { #expect(predicted == states.row(2 * (h + 1)), "ghost \(h)") }
    }

    @Test func aGoalOfAnUnknownObjectIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        let planner = try planner(.synchronous)
        #expect(throws: TaskCostError.self) { try planner.setGoal(TaskGoal(object: "nothing", pose: Pose(position: .zero))) }
        #expect(planner.goal == goal)
        var moved = goal
        moved.pose = Pose(position: SIMD2(0.05, -0.1), angle: 1)
        try planner.setGoal(moved)
        #expect(planner.goal == moved)
    }

    @Test func theSynchronousPlannerDrivesTheViewerDeterministically() throws {
        defer { try? FileManager.default.removeItem(at: run) }
        func drive() throws -> [Float] {
            let policy = try PlannerPolicy(predictor: PositionPredictor(run: run), goal: goal, actionSpace: environment.actionSpace,
                                           config: Self.config, seed: 9)
            let session = try ViewerSession(spec: environment.spec, policy: policy, seed: 2, model: nil, horizon: 10)
            for _ in 0..<40 { session.advance(realSeconds: 1.0 / 60, steering: .zero) }
            #expect(session.environment.stepCount > 5 && policy.planner.latest != nil)
            return session.observation.state
        }
        #expect(try drive() == drive())
    }
}
#endif
