import Synchronization

/// The latest weights of a model being learned, shared between the learner and its readers.
///
/// The learner publishes a copy of its `ForwardModel` (a value: publishing shares its buffers until the
/// learner's next update copies them); readers take the latest one and its version under a lock held
/// only for the copy.
public final class PublishedModel: Sendable {
    private let latest: Mutex<(model: ForwardModel?, version: Int)>

    /// A board holding `model` (version 1), or nothing yet (version 0).
    public init(_ model: ForwardModel? = nil) {
        latest = Mutex((model, model == nil ? 0 : 1))
    }

    /// Makes `model` the latest, with the next version number.
    public func publish(_ model: ForwardModel) {
        latest.withLock { $0 = (model, $0.version + 1) }
    }

    /// The latest model (nil before the first publication) and its version.
    public var current: (model: ForwardModel?, version: Int) { latest.withLock { $0 } }
}
