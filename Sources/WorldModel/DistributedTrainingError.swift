/// A training setting that cannot be split across processes.
public enum DistributedTrainingError: Error, CustomStringConvertible, Equatable {
    /// Incremental predictive coding moves the weights inside every inference step.
    case incrementalPredictiveCoding(ranks: Int)

    public var description: String {
        switch self {
        case let .incrementalPredictiveCoding(ranks):
            return "--pc-variant incremental cannot be trained on \(ranks) ranks: its weights move inside every inference step; "
                + "use standard or fixedPrediction, or one process"
        }
    }
}
