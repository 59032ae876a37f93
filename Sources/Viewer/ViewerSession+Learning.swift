#if Viewer
import WorldModel

extension ViewerSession {
    /// The overlay's model when it learns online from this session's transitions (`view --learn`).
    public var learning: LearningPredictionSource? { predictor as? LearningPredictionSource }

    /// Hands a step to the online learner, if any, with the action clamped to the box as the environment applied it
    /// (and as datasets record it).
    func teachLearning(state: [Float], action: [Float], next: [Float]) {
        guard let learning else { return }
        let space = environment.actionSpace
        let applied = action.indices.map { min(max(action[$0], space.low[$0]), space.high[$0]) }
        learning.observe(Transition(state: state, action: applied, next: next))
    }
}
#endif
