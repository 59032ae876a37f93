#if Viewer
extension ViewerSession {
    /// The overlay's model when it learns online from this session's transitions (`view --learn`).
    public var learning: LearningPredictionSource? { predictor as? LearningPredictionSource }
}
#endif
