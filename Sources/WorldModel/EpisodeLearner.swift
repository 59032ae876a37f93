import Foundation
import Synchronization
import TensorCore
import Trajectories

/// Online learning inside data collection: each finished episode's transitions go into an `OnlineLearner`,
/// which then takes `updatesPerTransition` update batches per transition and publishes its weights.
///
/// Synchronous (the collector's thread does the learning between episodes), so with episodes collected in
/// order on one thread the dataset and the model are the same for a seed every time.
public final class EpisodeLearner: Sendable {
    /// The latest weights (what a `CuriousPolicy` reads).
    public let published: PublishedModel
    /// Update batches per transition taken in.
    public let updatesPerTransition: Int
    private let state: Mutex<(learner: OnlineLearner, rng: RandomStream, loss: Double?)>

    /// Learns with `learner`, drawing batches from `seed`.
    public init(learner: OnlineLearner, seed: UInt64, updatesPerTransition: Int = 1) {
        published = PublishedModel(learner.model)
        self.updatesPerTransition = updatesPerTransition
        state = Mutex((learner, RandomStream(seed: seed), nil))
    }

    /// Takes in the transitions of `episode` (states `[T+1, S]`, actions `[T, A]`, flat) and trains on the replay buffer.
    public func learn(from episode: EpisodeRecord) throws {
        let model = try state.withLock { state -> ForwardModel? in
            let s = state.learner.buffer.stateSize, a = state.learner.buffer.actionSize
            let steps = episode.actions.count / a
            for t in 0..<steps {
                state.learner.observe(Transition(state: Array(episode.state[t * s..<(t + 1) * s]),
                                                 action: Array(episode.actions[t * a..<(t + 1) * a]),
                                                 next: Array(episode.state[(t + 1) * s..<(t + 2) * s])))
            }
            if let loss = try state.learner.train(steps: steps * updatesPerTransition, rng: &state.rng) { state.loss = loss }
            return state.learner.model
        }
        if let model { published.publish(model) }
    }

    /// The learner as it is now.
    public var learner: OnlineLearner { state.withLock { $0.learner } }

    /// The mean loss of the last episode's updates (nil before learning starts).
    public var lastLoss: Double? { state.withLock { $0.loss } }
}
