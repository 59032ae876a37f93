import Foundation
import Testing
import Simulation
@testable import Trajectories

@Suite("RolloutCollector: warnings about episodes")
struct EpisodeWarningTests {
    @Test func aPusherFlungOffTheTableIsNamedWithItsEpisode() throws {
        var spec = try WorldSpec.builtIn(named: "push")
        spec.physics.timeStep = 0.05
        spec.physics.maxSpeed = 100
        guard case var .pusher(pusher) = spec.robot else { Issue.record("push has a pusher"); return }
        pusher.stiffness = 1e12
        pusher.maxForce = 1e12
        pusher.damping = 0
        spec.robot = .pusher(pusher)
        let collector = RolloutCollector(spec: spec, observations: ObservationSettings(kinds: [.state]),
                                         policy: RandomPolicy(), stepsPerEpisode: 10, seed: 1, threads: 2)
        let warnings = try collector.collect(episodes: 0..<3) { _, _ in }
        let first = try #require(warnings.first)
        #expect(first.episode == 0 && first.body == "pusher", "\(warnings)")
        guard case let .leftTable(step, position) = first.kind else { Issue.record("\(first)"); return }
        #expect(step > 0 && (abs(position.x) > 0.5 || abs(position.y) > 0.5))
        #expect(first.description.hasPrefix("episode 0: 'pusher' left the table at step \(step), at ("), "\(first)")
    }

    @Test func theShippedPushWorldGivesNoWarnings() throws {
        let collector = RolloutCollector(spec: try WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]),
                                         policy: RandomPolicy(), stepsPerEpisode: 20, seed: 1, threads: 2)
        #expect(try collector.collect(episodes: 0..<8) { _, _ in }.isEmpty)
    }
}
