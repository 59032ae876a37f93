import Simulation
import TensorCore

/// An environment stepped one control step per call, reset every episode, with the neutral action
/// (`hold`) or pre-drawn random-policy actions.
final class SteppingLoop {
    let environment: Environment
    let actions: [[Float]]
    let episodeSteps: Int
    let hold: Bool
    var index = 0
    var episode: UInt64 = 0

    init(spec: WorldSpec, kinds: Set<ObservationKind>, pixelSize: Int, hold: Bool) throws {
        self.hold = hold
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: kinds, pixelSize: pixelSize))
        var policy = RandomPolicy()
        policy.reset(for: environment, rng: RandomStream(seed: 7))
        let observation = environment.reset(seed: 0).observation
        actions = (0..<spec.episode.maxSteps).map { _ in policy.action(for: observation, in: environment) }
        self.environment = environment
        episodeSteps = spec.episode.maxSteps
    }

    /// One control step (a reset first when the episode is over).
    func step() {
        if index == episodeSteps {
            index = 0
            episode += 1
            environment.reset(seed: episode)
        }
        _ = environment.step(hold ? environment.neutralAction : actions[index])
        index += 1
    }

    /// A reset and one episode of bare physics steps: the limit.
    func bareEpisode() {
        episode += 1
        environment.reset(seed: episode)
        environment.stepPhysicsOnly(controlSteps: episodeSteps)
    }
}
