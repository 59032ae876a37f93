import Foundation
import TensorCore
import Testing
@testable import Simulation

/// The robots do what their actions say.
@Suite struct RobotControlTests {
    func environment(_ name: String) throws -> Environment {
        var spec = try WorldSpec.builtIn(named: name)
        spec.objects = []
        return try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
    }

    @Test func pusherReachesItsTarget() throws {
        let env = try environment("push")
        env.reset(seed: 1)
        var state: [Float] = []
        for _ in 0..<20 { state = env.step([0.2, 0.15]).observation.state }
        #expect(abs(state[0] - 0.2) < 0.01 && abs(state[1] - 0.15) < 0.01, "pusher at \(state[0]), \(state[1])")
    }

    @Test func armJointsTurnAtTheCommandedRate() throws {
        let env = try environment("arm")
        let start = env.reset(seed: 1).observation.state
        let angleIndex = try #require(env.stateLabels.firstIndex(of: "link1.joint_angle"))
        let velocityIndex = try #require(env.stateLabels.firstIndex(of: "link2.joint_velocity"))
        var state = start
        for _ in 0..<3 { state = env.step([0.5, -0.4, 0]).observation.state }
        let turned = Double(state[angleIndex] - start[angleIndex])
        #expect(abs(turned - 0.5 * 3 * env.controlTimeStep) < 0.05, "joint 1 turned \(turned) rad")
        #expect(abs(state[velocityIndex] + 0.4) < 0.05, "joint 2 velocity \(state[velocityIndex])")
    }

    @Test func diffDriveGoesForwardAndTurns() throws {
        let env = try environment("diffdrive")
        let start = env.reset(seed: 1).observation.state
        var state = start
        for _ in 0..<5 { state = env.step([0.3, 0.3]).observation.state }
        let heading = SIMD2(Double(start[2]), Double(start[3]))
        let moved = SIMD2(Double(state[0] - start[0]), Double(state[1] - start[1]))
        #expect(abs((moved * heading).sum() - 0.3 * 5 * env.controlTimeStep) < 0.03, "moved \(moved)")
        for _ in 0..<5 { state = env.step([-0.2, 0.2]).observation.state }
        #expect(state[6] > 0, "turning left has positive yaw rate, got \(state[6])")
    }

    @Test(arguments: ["push", "arm", "diffdrive"])
    func actionTowardBringsTheToolToATarget(world: String) throws {
        let env = try environment(world)
        env.reset(seed: 3)
        let target = SIMD2(0.15, 0.2)
        for _ in 0..<60 { _ = env.step(env.actionToward(target)) }
        #expect((env.toolPosition - target).length < 0.03, "tool at \(env.toolPosition)")
    }

    @Test func nonFiniteActionsAreRejected() throws {
        let env = try environment("push")
        env.reset(seed: 1)
        let result = env.step([.nan, 0.1])
        #expect(result.info.actionRejected)
        #expect(result.observation.state.allSatisfy { $0.isFinite })
        #expect(!env.step([0.1, 0.1]).info.actionRejected)
    }
}
