import TensorCore
import Testing
@testable import Simulation

@Suite struct PolicyTests {
    @Test func randomPolicyIsSmoothBoundedAndReproducible() throws {
        let spec = try WorldSpec.builtIn(named: "arm")
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let observation = env.reset(seed: 0).observation
        func actions(seed: UInt64) -> [[Float]] {
            var policy = RandomPolicy()
            policy.reset(for: env, rng: RandomStream(seed: seed))
            return (0..<2000).map { _ in policy.action(for: observation, in: env) }
        }
        let a = actions(seed: 1)
        #expect(a == actions(seed: 1))
        #expect(a != actions(seed: 2))
        #expect(a.allSatisfy { env.actionSpace.contains($0) })
        // Ornstein–Uhlenbeck smoothing: consecutive actions are strongly correlated (white noise would give 0).
        let x = a.map { Double($0[0]) }
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let lagged = zip(x, x.dropFirst()).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - mean) }
        #expect(lagged / variance > 0.7, "lag-1 autocorrelation \(lagged / variance)")
        // It explores: both halves of the range are visited.
        #expect(x.contains { $0 > 0.5 * Double(env.actionSpace.high[0]) })
        #expect(x.contains { $0 < 0.5 * Double(env.actionSpace.low[0]) })
    }

    @Test func scriptedPolicyIsReproducible() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        func run(seed: UInt64) throws -> [[Float]] {
            let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
            var observation = env.reset(seed: 9).observation
            var policy = ScriptedPolicy()
            policy.reset(for: env, rng: RandomStream(seed: seed))
            return (0..<100).map { _ in
                let action = policy.action(for: observation, in: env)
                observation = env.step(action).observation
                return action
            }
        }
        #expect(try run(seed: 4) == run(seed: 4))
        #expect(try run(seed: 4) != run(seed: 5))
    }

    @Test("the built-in policies are found by the names datasets record; other names are a clear error")
    func builtInNames() throws {
        #expect(BuiltInPolicies.names == ["random", "scripted"])
        #expect(try BuiltInPolicies.named("random") is RandomPolicy)
        #expect(try BuiltInPolicies.named("scripted") is ScriptedPolicy)
        #expect(RandomPolicy.random.name == "random" && ScriptedPolicy.scripted.name == "scripted")
        let error = #expect(throws: UnknownPolicyError.self) { try BuiltInPolicies.named("greedy") }
        #expect(error == UnknownPolicyError(name: "greedy", validNames: ["random", "scripted"]))
        #expect(error?.description == "unknown policy 'greedy' (expected random, scripted)")
    }

    /// 60 actions of `policy` in a fresh episode 3 of `world`, reset with `RandomStream(seed: 8)`.
    static func episodeActions(_ policy: inout some Policy, world: String) throws -> [[Float]] {
        let env = try Environment(spec: try WorldSpec.builtIn(named: world), observations: ObservationSettings(kinds: [.state]))
        var observation = env.reset(seed: 3).observation
        policy.reset(for: env, rng: RandomStream(seed: 8))
        return (0..<60).map { _ in
            let action = policy.action(for: observation, in: env)
            observation = env.step(action).observation
            return action
        }
    }

    @Test("reset forgets earlier episodes, even in another world", arguments: BuiltInPolicies.names)
    func resetStartsAfresh(name: String) throws {
        var fresh = try BuiltInPolicies.named(name)
        let expected = try Self.episodeActions(&fresh, world: "push")
        var used = try BuiltInPolicies.named(name)
        _ = try Self.episodeActions(&used, world: "arm")
        #expect(try Self.episodeActions(&used, world: "push") == expected)
        #expect(expected.allSatisfy { $0.count == 2 } && Set(expected).count > 10, "the policy moves the pusher")
    }
}
