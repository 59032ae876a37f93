import Foundation
import TensorCore
import Testing
@testable import Simulation

/// Every shipped world under every policy: 1,000 steps, finite, on the table.
@Suite struct EnvironmentRolloutTests {
    static let cases: [(String, String)] = WorldSpec.builtInNames.flatMap { name in
        BuiltInPolicies.names.map { (name, $0) }
    }

    @Test(arguments: cases)
    func stepsThousandTimes(world: String, policy: String) throws {
        let spec = try WorldSpec.builtIn(named: world)
        let kinds: Set<ObservationKind> = spec.observation.lidar == nil ? [.state] : [.state, .lidar]
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: kinds))
        var observation = env.reset(seed: 7).observation
        var agent = try BuiltInPolicies.named(policy)
        agent.reset(for: env, rng: RandomStream(seed: 11))
        let half = spec.table.size / 2
        var contacts = 0
        for step in 0..<1000 {
            let action = agent.action(for: observation, in: env)
            #expect(env.actionSpace.contains(action), "action \(action) out of bounds at step \(step)")
            let result = env.step(action)
            observation = result.observation
            if result.info.contact { contacts += 1 }
            let finite = observation.state.allSatisfy { $0.isFinite }
            try #require(finite, "non-finite state at step \(step)")
            if let lidar = observation.lidar { #expect(lidar.allSatisfy { $0.isFinite && $0 >= 0 }) }
            for info in env.bodies {
                let x = observation.state[env.stateLabels.firstIndex(of: "\(info.name).x")!]
                let y = observation.state[env.stateLabels.firstIndex(of: "\(info.name).y")!]
                try #require(abs(Double(x)) <= half.x && abs(Double(y)) <= half.y,
                             "\(info.name) left the table at step \(step): (\(x), \(y))")
            }
        }
        if agent is ScriptedPolicy {
            #expect(contacts > 400, "the scripted policy touched objects in only \(contacts) of 1000 steps")
        }
    }
}
