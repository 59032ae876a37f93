import TensorCore
import Testing
@testable import Simulation

@Suite struct PolicyTests {
    @Test func randomPolicyIsSmoothBoundedAndReproducible() throws {
        let spec = try WorldSpec.builtIn(named: "arm")
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let observation = env.reset(seed: 0).observation
        func actions(seed: UInt64) -> [[Float]] {
            var policy = PolicyKind.random.make(spec: spec, rng: RandomStream(seed: seed))
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
            var policy = PolicyKind.scripted.make(spec: spec, rng: RandomStream(seed: seed))
            return (0..<100).map { _ in
                let action = policy.action(for: observation, in: env)
                observation = env.step(action).observation
                return action
            }
        }
        #expect(try run(seed: 4) == run(seed: 4))
        #expect(try run(seed: 4) != run(seed: 5))
    }
}
